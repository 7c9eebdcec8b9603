import { useEffect, useRef } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on macOS) anywhere in the panel runs `action` — the last step of "type,
 * Enter, Ctrl+Enter". Fields with their own Ctrl+Enter (the reply box) stop the event first.
 */
export function useCtrlEnter(action: () => void) {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      e.preventDefault();
      latest.current();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
