/** The sentence next to a disabled button that says why; the button points at it with aria-describedby. */
export function DisabledReason({ id, reason, testId }: { id: string; reason: string | null; testId?: string }) {
  if (!reason) return null;
  return (
    <p id={id} className="hint disabled-reason" data-testid={testId} role="status">
      {reason}
    </p>
  );
}
