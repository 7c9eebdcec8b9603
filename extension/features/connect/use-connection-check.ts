import { useEffect } from 'react';
import { backoffDelay } from '../../lib/event-stream';
import type { Services } from '../../lib/services';
import { usePanelStore } from '../../store';

/**
 * Checks the stored token with `GET /api/me` whenever the services change; while the server
 * cannot be reached it keeps trying (with backoff), so the panel recovers on its own.
 */
export function useConnectionCheck(services: Services | null) {
  useEffect(() => {
    if (!services) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const { connectionChecking, agentVerified, connectionFailed } = usePanelStore.getState();
    async function check() {
      // Retries keep showing "cannot reach the server" rather than flickering back to "checking".
      if (attempt === 0) connectionChecking();
      const result = await services!.api.me();
      if (cancelled) return;
      if (result.ok) return agentVerified(result.value);
      connectionFailed(result.error.code);
      if (result.error.code === 'NETWORK' || result.error.status >= 500) {
        attempt += 1;
        timer = setTimeout(() => void check(), backoffDelay(attempt, 2000, 30_000, Math.random));
      }
    }
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [services]);
}
