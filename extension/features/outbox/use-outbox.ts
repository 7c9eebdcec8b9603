import { useEffect } from 'react';
import { useServices } from '../../lib/services';
import { watchOutbox } from '../../lib/storage-items';
import { usePanelStore } from '../../store';

const CHECK_MS = 3000;

/**
 * Keeps the waiting sends visible and retries them: every few seconds what is due, and everything
 * at once when the browser comes back online or the live stream reconnects (see use-live-events).
 */
export function useOutbox() {
  const { outbox } = useServices();
  useEffect(() => {
    const store = usePanelStore.getState();
    void outbox.list().then(store.outboxChanged);
    const unwatch = watchOutbox((entries) => usePanelStore.getState().outboxChanged(entries));
    const flush = (force: boolean) => {
      if (usePanelStore.getState().outbox.length === 0) return;
      void outbox.flush(force).then((report) => usePanelStore.getState().outboxFlushed(report));
    };
    const timer = setInterval(() => flush(false), CHECK_MS);
    const online = () => flush(true);
    window.addEventListener('online', online);
    return () => {
      unwatch();
      clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, [outbox]);
}
