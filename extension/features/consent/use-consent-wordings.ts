import { useEffect } from 'react';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';

/** The current opt-in wordings (one per language), loaded once per connection. */
export function useConsentWordings() {
  const { api } = useServices();
  const connected = usePanelStore((s) => s.connection === 'connected');
  const loaded = usePanelStore((s) => s.wordings.length > 0);
  useEffect(() => {
    if (!connected || loaded) return;
    void api.consentWordings().then((r) => {
      if (r.ok) usePanelStore.getState().wordingsLoaded(r.value);
    });
  }, [api, connected, loaded]);
}

/** The newest version in `language`. */
export const currentWording = <W extends { language: string; version: number }>(wordings: W[], language: string): W | undefined =>
  wordings.filter((w) => w.language === language).sort((a, b) => b.version - a.version)[0];
