/**
 * The agent's connection settings, in extension storage (`local:settings`). The token is the
 * agent's Köprü token — never a WhatsApp credential, which only the server holds.
 *
 * Tests and the e2e helper may write the same shape directly:
 * `chrome.storage.local.set({ settings: { serverUrl, token, language: null } })`.
 *
 * @module
 */
// `wxt/utils/storage` is what `#imports` re-exports; importing it directly lets vitest load (and
// mock) this module without WXT's build plugin, as extension/lib/messaging.ts does for `wxt/browser`.
import { storage } from 'wxt/utils/storage';
import type { Lang } from '../i18n/translate';
import { clearTemplateCache } from './template-cache';

export type Settings = {
  serverUrl: string;
  token: string;
  /** `null` follows the browser's language. */
  language: Lang | null;
};

export const EMPTY_SETTINGS: Settings = { serverUrl: '', token: '', language: null };

/** Stored values are read defensively: an older or hand-edited value must not break the panel. */
export function readSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return EMPTY_SETTINGS;
  const r = raw as Record<string, unknown>;
  return {
    serverUrl: typeof r.serverUrl === 'string' ? r.serverUrl : '',
    token: typeof r.token === 'string' ? r.token : '',
    language: r.language === 'tr' || r.language === 'en' ? r.language : null,
  };
}

export const hasConnection = (s: Settings): boolean => s.serverUrl !== '' && s.token !== '';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  version: 1,
  fallback: EMPTY_SETTINGS,
});

export async function loadSettings(): Promise<Settings> {
  return readSettings(await settingsItem.getValue());
}

export const saveSettings = (settings: Settings): Promise<void> => settingsItem.setValue(settings);

/** Sign-out forgets the server, the token and the saved template list, but keeps the agent's language choice. */
export async function clearConnection(): Promise<void> {
  clearTemplateCache();
  const current = await loadSettings();
  await settingsItem.setValue({ ...EMPTY_SETTINGS, language: current.language });
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(readSettings(value)));
}
