/**
 * Meta's template placeholders: `{{1}}`, `{{2}}`… (POSITIONAL) and `{{order_id}}` (NAMED: lower-case
 * letters, digits and underscores). Kept dependency-free so other code (the sandbox, the panel)
 * can mirror exactly what the renderer treats as a placeholder.
 *
 * Anything else in double braces (`{{ 1 }}`, `{{Name}}`, `{{#}}`) is not a placeholder — Meta
 * rejects such templates at review (reference §2.9) — and is left as literal text.
 *
 * @module
 */

/** One placeholder; group 1 is its name (`'1'` or `'order_id'`). Global: reset `lastIndex` or use the helpers. */
export const PLACEHOLDER_PATTERN = /\{\{([a-z0-9_]+)\}\}/g;

/** `'1'`, `'12'` — a POSITIONAL placeholder name. */
export const isPositionalName = (name: string): boolean => /^[1-9]\d*$/.test(name);

/** The distinct placeholder names in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Replaces every placeholder whose `fill(name)` is a string; placeholders it returns `undefined` for
 * stay as `{{name}}` (so a half-filled preview still shows where values go).
 */
export function fillPlaceholders(text: string, fill: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => fill(name) ?? whole);
}

/**
 * The order Meta expects parameters in: POSITIONAL by number (`{{1}}` before `{{2}}` whatever the
 * text order), NAMED in order of appearance (Meta accepts any order for those).
 */
export function parameterOrder(names: readonly string[]): string[] {
  return names.every(isPositionalName) ? [...names].sort((a, b) => Number(a) - Number(b)) : [...names];
}
