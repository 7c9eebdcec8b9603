/**
 * The template editor's form → the draft Meta's API takes (`POST /{waba}/message_templates`):
 * a UTILITY template with an optional text header, a body with numbered variables and an example
 * for each, an optional footer and up to three quick-reply buttons. Pure, unit-tested.
 *
 * @module
 */
export type EditorForm = {
  name: string;
  language: string;
  header: string;
  body: string;
  footer: string;
  /** One quick-reply label per line. */
  quickReplies: string;
  /** Example value per variable number (`'1'`, `'2'`, …). */
  examples: Record<string, string>;
};

export const EMPTY_FORM: EditorForm = { name: '', language: 'tr', header: '', body: '', footer: '', quickReplies: '', examples: {} };

/** The numbered variables of a text, in number order, each once (`{{2}} … {{1}}` → ['1', '2']). */
export function variablesOf(text: string): string[] {
  const numbers = new Set([...text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => m[1]!));
  return [...numbers].sort((a, b) => Number(a) - Number(b));
}

/** `Order shipped!` → `order_shipped`: what Meta accepts as a name (lower case, digits, `_`). */
export function suggestName(text: string): string {
  return text
    .toLocaleLowerCase('tr')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}

export function buildDraft(form: EditorForm): Record<string, unknown> {
  const components: Array<Record<string, unknown>> = [];
  if (form.header.trim()) components.push({ type: 'HEADER', format: 'TEXT', text: form.header.trim() });
  const variables = variablesOf(form.body);
  components.push({
    type: 'BODY',
    text: form.body.trim(),
    ...(variables.length ? { example: { body_text: [variables.map((n) => form.examples[n]?.trim() ?? '')] } } : {}),
  });
  if (form.footer.trim()) components.push({ type: 'FOOTER', text: form.footer.trim() });
  const replies = form.quickReplies
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (replies.length) components.push({ type: 'BUTTONS', buttons: replies.map((text) => ({ type: 'QUICK_REPLY', text })) });
  return { name: form.name.trim(), language: form.language, category: 'UTILITY', components };
}
