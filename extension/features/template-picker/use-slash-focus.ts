import { useEffect, type RefObject } from 'react';

const typingInto = (el: Element | null): boolean =>
  !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);

/** `/` anywhere in the panel (but not while typing in a field) jumps to the template search. */
export function useSlashFocus(target: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingInto(document.activeElement)) return;
      e.preventDefault();
      target.current?.focus();
      target.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [target]);
}
