import { useEffect } from 'react';
import { loadSettings, watchSettings } from '../../lib/settings';
import { usePanelStore } from '../../store';

/** Reads the stored settings and follows changes (a pairing link opened in another tab, a sign-out). */
export function useSettings() {
  useEffect(() => {
    let alive = true;
    void loadSettings().then((s) => alive && usePanelStore.getState().settingsLoaded(s));
    const unwatch = watchSettings((s) => usePanelStore.getState().settingsLoaded(s));
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
}
