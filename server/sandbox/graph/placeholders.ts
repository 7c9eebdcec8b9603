/**
 * Finding `{{…}}` placeholders in template text, shared by creation checks, review and rendering.
 *
 * @module
 */

export type Placeholder = { key: string; start: number; end: number };

export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => ({
    key: m[1] ?? '',
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** Distinct placeholder keys in order of first appearance. */
export function placeholderKeys(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(findPlaceholders(text).map((p) => p.key))];
}

/** Replaces every `{{key}}` with `values[key]` (missing keys are left as written). */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
