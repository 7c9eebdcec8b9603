import { useRef } from 'react';
import { Icon } from '../../components/icon';

/**
 * A calendar button next to a free-text date field (date variables also hold times and ranges,
 * so the field itself stays text). The picked day is written out in the template's language.
 */
export function DatePickerButton({ label, onPick, testId }: { label: string; onPick: (isoDate: string) => void; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  function open() {
    const el = input.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      el.focus(); // browsers without showPicker (or outside a user gesture): the field is still usable
    }
  }
  return (
    <span className="date-picker">
      <button type="button" onClick={open} aria-label={label} title={label}>
        <Icon name="calendar" />
      </button>
      <input
        ref={input}
        type="date"
        tabIndex={-1}
        aria-label={label}
        className="date-picker-input"
        onChange={(e) => e.target.value && onPick(e.target.value)}
        data-testid={testId}
      />
    </span>
  );
}
