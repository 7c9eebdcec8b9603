import { useEffect, useLayoutEffect, useRef } from 'react';
import { useServices } from '../../lib/services';
import { loadTemplatePrefs, saveTemplatePrefs } from '../../lib/storage-items';
import { readTemplateCache, writeTemplateCache } from '../../lib/template-cache';
import { usePanelStore, type PanelStore } from '../../store';
import type { ApiClient } from '../../lib/api-client';

/** Saving the list for the next opening waits until the panel has painted it (a few hundred KB to serialise). */
const CACHE_WRITE_DELAY_MS = 500;

/** Fetches the templates the server allows; on success they also become the cached list. `true` when loaded. */
export async function loadTemplates(api: ApiClient, store: PanelStore): Promise<boolean> {
  store.getState().templatesRequested();
  const result = await api.templates();
  if (!result.ok) {
    store.getState().templatesFailed(result.error);
    return false;
  }
  store.getState().templatesLoaded(result.value);
  setTimeout(() => writeTemplateCache(api.serverUrl, result.value, Date.now()), CACHE_WRITE_DELAY_MS);
  return true;
}

/**
 * Loads the templates the server allows, and the agent's favourites and recents. At once when the
 * panel opens — the last list from storage first, the server's in parallel with the connection
 * check (`GET /api/me`), not after it — and again after a reconnect if that first load failed.
 */
export function useTemplates() {
  const { api } = useServices();
  const connected = usePanelStore((s) => s.connection === 'connected');
  const loaded = useRef<'no' | 'loading' | 'yes'>('no');
  // Before the first paint: a layout effect's store update renders again synchronously.
  useLayoutEffect(() => {
    const cached = readTemplateCache(api.serverUrl);
    if (cached) usePanelStore.getState().templatesCached(cached);
  }, [api]);
  useEffect(() => {
    let alive = true;
    loaded.current = 'loading';
    void loadTemplates(api, usePanelStore).then((ok) => {
      if (alive) loaded.current = ok ? 'yes' : 'no';
    });
    return () => {
      alive = false;
      loaded.current = 'no';
    };
  }, [api]);
  useEffect(() => {
    if (!connected || loaded.current !== 'no') return;
    loaded.current = 'loading';
    void loadTemplates(api, usePanelStore).then((ok) => {
      loaded.current = ok ? 'yes' : 'no';
    });
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
