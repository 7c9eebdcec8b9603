import { useEffect } from 'react';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';

/** Loads the open template alerts once connected (and after a reconnect); live `alert` events keep them current. */
export function useAlerts() {
  const { api } = useServices();
  const connected = usePanelStore((s) => s.connection === 'connected');
  const live = usePanelStore((s) => s.live === 'live');
  useEffect(() => {
    if (!connected || !live) return;
    let cancelled = false;
    void api.alerts().then((r) => {
      if (!cancelled && r.ok) usePanelStore.getState().alertsLoaded(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [api, connected, live]);
}
