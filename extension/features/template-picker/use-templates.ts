import { useEffect, useRef } from 'react';
import { useServices } from '../../lib/services';
import { loadTemplatePrefs, saveTemplatePrefs } from '../../lib/storage-items';
import { usePanelStore, type PanelStore } from '../../store';
import type { ApiClient } from '../../lib/api-client';

export async function loadTemplates(api: ApiClient, store: PanelStore): Promise<void> {
  store.getState().templatesRequested();
  const result = await api.templates();
  if (result.ok) store.getState().templatesLoaded(result.value);
  else store.getState().templatesFailed(result.error);
}

/** Loads the templates the server allows once connected, and the agent's favourites and recents. */
export function useTemplates() {
  const { api } = useServices();
  const connected = usePanelStore((s) => s.connection === 'connected');
  useEffect(() => {
    if (connected) void loadTemplates(api, usePanelStore);
  }, [api, connected]);
  useTemplatePrefs();
}

/** Favourites and recents live in extension storage; saved whenever they change (after the first load). */
function useTemplatePrefs() {
  const favourites = usePanelStore((s) => s.favourites);
  const recents = usePanelStore((s) => s.recents);
  const loaded = usePanelStore((s) => s.prefsLoaded);
  const first = useRef(true);
  useEffect(() => {
    void loadTemplatePrefs().then((prefs) => usePanelStore.getState().templatePrefsLoaded(prefs));
  }, []);
  useEffect(() => {
    if (!loaded) return;
    if (first.current) {
      first.current = false;
      return;
    }
    void saveTemplatePrefs({ favourites, recents });
  }, [favourites, recents, loaded]);
}
