/**
 * What the panel takes from WXT's storage (`storage.defineItem`), in memory, for vitest:
 * `vi.mock('wxt/utils/storage', () => import('./fake-imports'))`. Values are cloned like real extension storage.
 */
type Watcher = (value: unknown, old: unknown) => void;

const values = new Map<string, unknown>();
const watchers = new Map<string, Set<Watcher>>();

export function resetFakeStorage(initial: Record<string, unknown> = {}) {
  values.clear();
  for (const [k, v] of Object.entries(initial)) values.set(k, structuredClone(v));
}

export const storage = {
  defineItem<T>(itemKey: string, options: { fallback: T }) {
    const key = itemKey.replace(/^\w+:/, ''); // 'local:settings' is stored as 'settings', like chrome.storage.local
    const get = () => (values.has(key) ? (structuredClone(values.get(key)) as T) : options.fallback);
    return {
      key: itemKey,
      fallback: options.fallback,
      getValue: async () => get(),
      async setValue(value: T) {
        const old = get();
        values.set(key, structuredClone(value));
        for (const w of watchers.get(key) ?? []) w(structuredClone(value), old);
      },
      watch(cb: Watcher) {
        const set = watchers.get(key) ?? new Set<Watcher>();
        set.add(cb);
        watchers.set(key, set);
        return () => set.delete(cb);
      },
    };
  },
};
