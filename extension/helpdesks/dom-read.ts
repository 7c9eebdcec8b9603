/**
 * Small DOM readers shared by the adapters. Pure: they only read the nodes they are given.
 *
 * @module
 */

// Elements whose text is never shown to the agent.
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'IFRAME']);
// Block-level boundaries become line breaks, so text from neighbouring cells or paragraphs never
// merges into one "number" ("0532" in one cell, "418 27 96" in the next).
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'BUTTON', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'INPUT', 'LABEL', 'LI', 'MAIN', 'NAV', 'OL', 'OPTION', 'P', 'PRE', 'SECTION', 'SELECT', 'TABLE',
  'TD', 'TEXTAREA', 'TH', 'TR', 'UL',
]);
/** Upper bound on the text we scan per area: a ticket never needs more, a runaway page gets no more. */
const MAX_SCAN_CHARS = 200_000;

/** Hidden by markup: `hidden`, `aria-hidden`, or an inline `display:none`/`visibility:hidden`. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** The element or one of its ancestors is hidden by markup. */
export function isInHiddenSubtree(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (isHidden(node)) return true;
  }
  return false;
}

/**
 * Text a person would read in `root`, with line breaks at block boundaries and form values
 * included. Hidden subtrees are skipped.
 */
export function visibleText(root: Node | null | undefined): string {
  if (!root) return '';
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    if (length > MAX_SCAN_CHARS) return;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      parts.push(value);
      length += value.length;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const el = node.nodeType === 1 ? (node as Element) : null;
    const tag = el?.tagName.toUpperCase() ?? '';
    if (el && (SKIPPED_TAGS.has(tag) || isHidden(el))) return;
    if (tag === 'INPUT' && /^(hidden|password)$/i.test(el?.getAttribute('type') ?? '')) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) parts.push('\n');
    // A field shows its current value; a textarea's child text is only its initial value.
    if (tag === 'INPUT' || tag === 'TEXTAREA') parts.push(fieldValue(el as Element));
    else for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) parts.push('\n');
  };
  walk(root);
  return parts.join('').replace(/[ \t\u00a0]+/g, ' ').replace(/ ?\n[\n ]*/g, '\n').trim();
}

/** One line of visible text, whitespace collapsed; undefined when empty. */
export function textOf(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  const tag = el.tagName.toUpperCase();
  const raw = tag === 'INPUT' || tag === 'TEXTAREA' ? fieldValue(el) : visibleText(el);
  const text = raw.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The first selector (in order) that finds a non-empty visible text wins. */
export function firstText(root: ParentNode | null | undefined, selectors: readonly string[]): string | undefined {
  if (!root) return undefined;
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      if (isInHiddenSubtree(el)) continue;
      const text = textOf(el);
      if (text) return text;
    }
  }
  return undefined;
}

/** The first element found by the selectors, in order, that is not hidden. */
export function firstElement(root: ParentNode | null | undefined, selectors: readonly string[]): Element | null {
  if (!root) return null;
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      if (!isInHiddenSubtree(el)) return el;
    }
  }
  return null;
}

/** Whether the agent can type into `el`: a textarea or text input that is not read-only, or a contenteditable. */
export function isEditable(el: Element): el is HTMLElement {
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'INPUT') return !el.hasAttribute('disabled') && !el.hasAttribute('readonly');
  const editable = el.getAttribute('contenteditable');
  return editable === '' || editable === 'true' || editable === 'plaintext-only';
}

/** The first element found by the selectors, in order, that is not hidden and takes typing. */
export function firstEditable(root: ParentNode | null | undefined, selectors: readonly string[]): HTMLElement | null {
  if (!root) return null;
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      if (isEditable(el) && !isInHiddenSubtree(el)) return el;
    }
  }
  return null;
}

/**
 * Numbers behind visible `tel:` links, as the agent sees them: the link text when it is the
 * number, else the decoded target (`tel:+90%20532…` → `+90 532…`).
 */
export function telLinks(root: ParentNode | null | undefined): string[] {
  return linkTargets(root, 'tel:', (link, target) => {
    const text = textOf(link) ?? '';
    return text.replace(/\D/g, '').length >= 7 && /^[\d\s()+.\-]+$/.test(text) ? text : target;
  });
}

/** Addresses behind visible `mailto:` links, without `?subject=…`. */
export function mailtoLinks(root: ParentNode | null | undefined): string[] {
  return linkTargets(root, 'mailto:')
    .map((target) => target.split('?')[0] ?? '')
    .filter((address) => EMAIL.test(address));
}

// The same shape zod's `z.email()` accepts, so nothing we extract is rejected downstream.
const EMAIL_SOURCE = String.raw`(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}`;
const EMAIL = new RegExp(`^${EMAIL_SOURCE}$`);
const EMAIL_IN_TEXT = /[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}/;

/** The value if it is an e-mail address zod will accept, else undefined. */
export function asEmail(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim().replace(/^mailto:/i, '');
  return trimmed && EMAIL.test(trimmed) ? trimmed : undefined;
}

/** The first e-mail address written in the text. */
export function emailInText(text: string): string | undefined {
  const found = EMAIL_IN_TEXT.exec(text)?.[0].replace(/^[.'-]+/, '');
  return asEmail(found);
}

function linkTargets(
  root: ParentNode | null | undefined,
  scheme: string,
  shown: (link: Element, target: string) => string = (_link, target) => target,
): string[] {
  if (!root) return [];
  const targets: string[] = [];
  for (const link of root.querySelectorAll(`a[href^="${scheme}" i]`)) {
    if (isInHiddenSubtree(link)) continue;
    const target = safeDecode((link.getAttribute('href') ?? '').slice(scheme.length)).trim();
    const value = target && shown(link, target);
    if (value && !targets.includes(value)) targets.push(value);
  }
  return targets;
}

function fieldValue(el: Element): string {
  const value = (el as HTMLInputElement).value;
  return typeof value === 'string' ? value : (el.getAttribute('value') ?? '');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
