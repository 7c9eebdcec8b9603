import { useState } from 'react';

/** Copies `text`; the label turns into `copiedLabel` for a moment so the agent sees it worked. */
export function CopyButton({ text, label, copiedLabel, testId }: { text: string; label: string; copiedLabel: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button type="button" onClick={() => void copy()} data-testid={testId} aria-live="polite">
      {copied ? copiedLabel : label}
    </button>
  );
}
