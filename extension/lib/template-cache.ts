/**
 * The last template list the server sent, kept so an opened panel can show it at once and refresh
 * it in the background (`GET /api/templates` with 500 templates is a few hundred KB; waiting for it
 * kept the list empty for ~100 ms after the panel was ready).
 *
 * In the extension origin's `localStorage`, not `chrome.storage`: it is read synchronously while
 * the panel first renders. Measured with 500 templates: `chrome.storage.local.get` took ~70 ms to
 * hand the value over (longer than fetching it again), `localStorage` + JSON.parse a few ms.
 *
 * Only what every agent of that server may see anyway (templates, no customer data), and only for
 * the server it came from: a list saved for another server URL is never shown. Sending does not
 * trust it: the server's gate checks the template again, and the fresh list replaces this one within
 * the same opening. Anything unreadable counts as no list.
 *
 * @module
 */
import type { ApiTemplate } from '../../shared/schemas/api-template';

export const TEMPLATE_CACHE_KEY = 'kopru:template-cache:v1';

type Stored = { serverUrl: string; savedAt: number; templates: ApiTemplate[] };

const store = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled for this origin
  }
};

/** The saved list for `serverUrl`, or null (none, another server's, or unreadable). */
export function readTemplateCache(serverUrl: string): ApiTemplate[] | null {
  try {
    const raw = store()?.getItem(TEMPLATE_CACHE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Stored> | null;
    if (!value || value.serverUrl !== serverUrl || !Array.isArray(value.templates) || value.templates.length === 0) return null;
    return value.templates;
  } catch {
    return null;
  }
}

/** Saves the list; a full or disabled storage just means no list next time. */
export function writeTemplateCache(serverUrl: string, templates: ApiTemplate[], now: number): void {
  try {
    store()?.setItem(TEMPLATE_CACHE_KEY, JSON.stringify({ serverUrl, savedAt: now, templates } satisfies Stored));
  } catch {
    // QuotaExceededError or no storage: nothing to keep.
  }
}

/** Forgets the list (sign-out). */
export function clearTemplateCache(): void {
  try {
    store()?.removeItem(TEMPLATE_CACHE_KEY);
  } catch {
    // nothing saved
  }
}
