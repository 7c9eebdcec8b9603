/**
 * The panel's other durable state: the outbox of sends waiting for the server, and the agent's
 * favourite and recent templates. Versioned like every stored item (style §6.3.8).
 *
 * @module
 */
// `wxt/utils/storage` is what `#imports` re-exports; importing it directly lets vitest load (and
// mock) this module without WXT's build plugin, as extension/lib/messaging.ts does for `wxt/browser`.
import { storage } from 'wxt/utils/storage';
import type { OutboxEntry, OutboxStorage } from './outbox';

export const outboxItem = storage.defineItem<OutboxEntry[]>('local:outbox', { version: 1, fallback: [] });

/** The wrapper the outbox logic takes (it never imports storage itself, so tests can fake it). */
export const outboxStorage: OutboxStorage = {
  getValue: async () => {
    const value = await outboxItem.getValue();
    return Array.isArray(value) ? value : [];
  },
  setValue: (entries) => outboxItem.setValue(entries),
};

export function watchOutbox(cb: (entries: OutboxEntry[]) => void): () => void {
  return outboxItem.watch((value) => cb(Array.isArray(value) ? value : []));
}

export type TemplatePrefs = {
  /** `name:language` keys, so a re-synced template (new Meta id) stays a favourite. */
  favourites: string[];
  /** Most recent first, at most `RECENT_LIMIT`. */
  recents: string[];
};

export const templatePrefsItem = storage.defineItem<TemplatePrefs>('local:template-prefs', {
  version: 1,
  fallback: { favourites: [], recents: [] },
});

export async function loadTemplatePrefs(): Promise<TemplatePrefs> {
  const value = await templatePrefsItem.getValue();
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { favourites: strings(value?.favourites), recents: strings(value?.recents) };
}

export const saveTemplatePrefs = (prefs: TemplatePrefs): Promise<void> => templatePrefsItem.setValue(prefs);
