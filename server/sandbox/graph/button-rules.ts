/**
 * Creation rules for the BUTTONS component (reference §2.7): at most 10 buttons, quick replies
 * grouped together, ≤ 2 URL buttons with one variable only at the end, ≤ 1 phone button, ≤ 1
 * copy-code button with a value of ≤ 15 characters, and labels of ≤ 25 characters.
 *
 * @module
 */
import type { TemplateButton } from '../../../shared/schemas/template';
import type { GraphError } from '../graph-errors';
import { createError, SUBCODE } from './create-errors';
import { findPlaceholders } from './placeholders';

const err = (title: string, msg: string) => createError(undefined, title, msg);

/** `QR,QR,URL` and `URL,QR,QR` are fine; `QR,URL,QR` splits the quick replies. */
function quickRepliesContiguous(buttons: TemplateButton[]): boolean {
  const first = buttons.findIndex((b) => b.type === 'QUICK_REPLY');
  if (first < 0) return true;
  let last = first;
  buttons.forEach((b, i) => {
    if (b.type === 'QUICK_REPLY') last = i;
  });
  return buttons.slice(first, last + 1).every((b) => b.type === 'QUICK_REPLY');
}

function checkUrlButton(b: Extract<TemplateButton, { type: 'URL' }>, index: number): GraphError | undefined {
  if (b.url.length > 2000) return err('URL too long', `Button ${index}: a URL can have at most 2,000 characters.`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(b.url.replace(/\{\{[^{}]*\}\}/g, 'x'));
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    return err('Invalid URL', `Button ${index}: "${b.url}" is not a valid http(s) URL.`);
  }
  const vars = findPlaceholders(b.url);
  if (vars.length === 0) return undefined;
  if (vars.length > 1 || vars[0]!.key !== '1' || !b.url.endsWith('{{1}}')) {
    return err('Invalid URL variable', `Button ${index}: a URL can have one variable, {{1}}, and only at the end.`);
  }
  if (!b.example || b.example.length !== 1 || !b.example[0]?.trim()) {
    return err('Missing example', `Button ${index}: the URL has a variable, so add an example with one sample URL or suffix.`);
  }
  return undefined;
}

export function checkButtons(buttons: TemplateButton[]): GraphError | undefined {
  if (buttons.length > 10) return err('Too many buttons', `A template can have at most 10 buttons (this one has ${buttons.length}).`);
  if (!quickRepliesContiguous(buttons)) {
    return err('Invalid combination of buttons', 'Quick reply buttons must be grouped together, before or after the other buttons.');
  }
  const count = (type: TemplateButton['type']) => buttons.filter((b) => b.type === type).length;
  if (count('URL') > 2) return err('Too many URL buttons', 'A template can have at most 2 URL buttons.');
  if (count('PHONE_NUMBER') > 1) return err('Too many phone number buttons', 'A template can have at most 1 phone number button.');
  if (count('COPY_CODE') > 1) return err('Too many copy code buttons', 'A template can have at most 1 copy code button.');

  for (const [index, b] of buttons.entries()) {
    const label = b.text ?? '';
    if (b.type !== 'COPY_CODE' && label.trim().length === 0) return err('Missing button text', `Button ${index} needs a label.`);
    if (label.length > 25) {
      return createError(SUBCODE.TOO_LONG, 'Button text too long', `Button ${index}: labels can have at most 25 characters ("${label}" has ${label.length}).`);
    }
    if (findPlaceholders(label).length > 0) return err('Invalid button text', `Button ${index}: labels can’t contain variables.`);
    if (b.type === 'URL') {
      const e = checkUrlButton(b, index);
      if (e) return e;
    }
    if (b.type === 'PHONE_NUMBER') {
      const digits = b.phone_number.replace(/^\+/, '');
      if (!/^[0-9]{4,20}$/.test(digits)) {
        return err('Invalid phone number', `Button ${index}: the phone number must be up to 20 digits with the country code.`);
      }
    }
    if (b.type === 'COPY_CODE') {
      const value = Array.isArray(b.example) ? b.example[0] : b.example;
      if (!value || !value.trim()) return err('Missing example', `Button ${index}: a copy code button needs an example code.`);
      if (value.length > 15) {
        return createError(SUBCODE.TOO_LONG, 'Copy code too long', `Button ${index}: the code can have at most 15 characters.`);
      }
    }
  }
  return undefined;
}
