/**
 * Meta's structural rules for a draft template (reference §2.7–§2.9): name and language, which
 * components may appear, text lengths, and the button rules. Lengths are counted in code points,
 * the way Meta and a person count characters.
 *
 * @module
 */
import type { LintFinding } from '../schemas/lint';
import type { TemplateButton } from '../schemas/template';
import { buttonPlace, lintError, lintWarning } from './lint-finding';
import type { LintableDraft } from './lint-shape';
import { metaLanguageVerdict } from './meta-languages';
import { charLength, LIMITS } from './param-rules';
import type { TemplateParts } from './template-parts';

export const DRAFT_LIMITS = {
  name: 512,
  header: LIMITS.headerText,
  body: LIMITS.bodyText,
  footer: 60,
  buttons: 10,
  buttonLabel: 25,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  phoneNumber: 20,
  url: LIMITS.url,
  copyCode: LIMITS.couponCode,
} as const;

const tooLong = (rule: string, component: string, text: string, limit: number): LintFinding[] => {
  const length = charLength(text);
  return length > limit ? [lintError(rule, `${component} text is ${length} characters long; Meta's limit is ${limit}.`, { component })] : [];
};

export function lintIdentity(draft: LintableDraft): LintFinding[] {
  const findings: LintFinding[] = [];
  const { name, language, category } = draft;
  if (name !== undefined && (!/^[a-z0-9_]+$/.test(name) || charLength(name) > DRAFT_LIMITS.name)) {
    findings.push(
      lintError('name-format', `Template names may contain only lower-case letters, digits and underscores (at most ${DRAFT_LIMITS.name}); "${name}" does not qualify.`, {
        component: 'name',
        evidence: name,
      }),
    );
  }
  if (language !== undefined) {
    const verdict = metaLanguageVerdict(language);
    if (verdict === 'unknown') {
      findings.push(lintError('invalid-language', `"${language}" is not one of Meta's template languages (such as tr, en, en_US, de).`, { component: 'language', evidence: language }));
    } else if (verdict === 'unknown-region') {
      findings.push(
        lintWarning('invalid-language', `Meta knows the language of "${language}" but not this regional variant as far as Köprü knows; check it against Meta's supported languages, or use the plain code.`, {
          component: 'language',
          evidence: language,
        }),
      );
    }
  }
  if (category === 'AUTHENTICATION') {
    findings.push(lintError('unsupported-category', 'Köprü creates UTILITY templates; authentication templates need Meta\'s fixed OTP wording and buttons.', { component: 'category' }));
  }
  return findings;
}

/** One header, one body, one footer, one buttons block at most; a body always. */
export function lintComponentSet(draft: LintableDraft): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS']) {
    const count = draft.componentTypes.filter((t) => t === type).length;
    if (count > 1) findings.push(lintError('duplicate-component', `A template may have one ${type} component; this draft has ${count}.`, { component: type }));
  }
  if (!draft.componentTypes.includes('BODY')) {
    findings.push(lintError('body-required', 'Every template needs a BODY component; it is the only mandatory one.', { component: 'BODY' }));
  }
  return findings;
}

export function lintTexts(parts: TemplateParts): LintFinding[] {
  const findings: LintFinding[] = [];
  const { header, body, footer } = parts;
  if (header?.format === 'TEXT') {
    if (header.text.trim() === '') findings.push(lintError('header-empty', 'The text header is empty; remove it or write a header.', { component: 'HEADER' }));
    findings.push(...tooLong('header-too-long', 'HEADER', header.text, DRAFT_LIMITS.header));
    const formatting = /[\n\r]|[*_~`]|\p{Extended_Pictographic}/u.exec(header.text);
    if (formatting) {
      findings.push(
        lintWarning('header-formatting', 'Text headers do not support line breaks, markdown (*bold*, _italic_) or emoji; Meta may refuse the header (2388047) or show the characters literally.', {
          component: 'HEADER',
          evidence: formatting[0],
        }),
      );
    }
  }
  if (header && header.format !== 'TEXT' && header.format !== 'LOCATION' && !header.example?.header_handle?.[0]) {
    findings.push(lintError('missing-example', `A ${header.format} header needs an example media handle (example.header_handle) from Meta's upload API.`, { component: 'HEADER' }));
  }
  if (body) {
    if (body.text.trim() === '') findings.push(lintError('body-required', 'The BODY text is empty.', { component: 'BODY' }));
    findings.push(...tooLong('body-too-long', 'BODY', body.text, DRAFT_LIMITS.body));
  }
  if (footer) {
    findings.push(...tooLong('footer-too-long', 'FOOTER', footer.text, DRAFT_LIMITS.footer));
    if (/\{\{/.test(footer.text)) {
      findings.push(lintWarning('footer-has-variables', 'Keep the footer static: Meta\'s component reference shows plain-text footers only, so variables there risk a rejection.', { component: 'FOOTER' }));
    }
  }
  return findings;
}

const hasLabel = (button: TemplateButton): button is TemplateButton & { text: string } => button.type !== 'COPY_CODE' && typeof button.text === 'string';

function lintButton(button: TemplateButton, index: number): LintFinding[] {
  const component = buttonPlace(index);
  const findings: LintFinding[] = [];
  if (hasLabel(button)) {
    const length = charLength(button.text);
    if (button.text.trim() === '') findings.push(lintError('button-label-required', 'Every button needs a label.', { component }));
    if (length > DRAFT_LIMITS.buttonLabel) {
      findings.push(lintError('button-label-too-long', `The label "${button.text}" is ${length} characters; button labels can have at most ${DRAFT_LIMITS.buttonLabel}.`, { component, evidence: button.text }));
    }
  }
  if (button.type === 'URL') {
    const braces = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
    if (braces.length > 1 || (braces.length === 1 && !/\{\{[^{}]*\}\}$/.test(button.url))) {
      findings.push(lintError('url-variable-not-at-end', 'A URL button may have one variable, and only at the very end of the URL (https://example.com/track/{{1}}).', { component, evidence: button.url }));
    }
    if (braces.length > 0 && !button.example?.[0]) {
      findings.push(lintError('missing-example', 'A URL button with a variable needs an example (the full URL or the part that replaces {{1}}).', { component }));
    }
    if (!/^https?:\/\/[^\s/]+\.[^\s]+/i.test(button.url)) {
      findings.push(lintError('invalid-url', 'The button URL must be a full http(s) address such as https://example.com/orders/{{1}}.', { component, evidence: button.url }));
    }
    if (charLength(button.url) > DRAFT_LIMITS.url) {
      findings.push(lintError('url-too-long', `The URL is longer than ${DRAFT_LIMITS.url} characters.`, { component }));
    }
  }
  if (button.type === 'PHONE_NUMBER' && charLength(button.phone_number) > DRAFT_LIMITS.phoneNumber) {
    findings.push(lintError('phone-number-too-long', `Phone numbers in buttons can have at most ${DRAFT_LIMITS.phoneNumber} characters.`, { component, evidence: button.phone_number }));
  }
  if (button.type === 'COPY_CODE') {
    const example = Array.isArray(button.example) ? button.example[0] : button.example;
    if (example === undefined || example.trim() === '') {
      findings.push(lintError('missing-example', 'A copy-code button needs an example code.', { component }));
    } else if (charLength(example) > DRAFT_LIMITS.copyCode) {
      findings.push(lintError('copy-code-too-long', `The code "${example}" is ${charLength(example)} characters; Meta allows at most ${DRAFT_LIMITS.copyCode}.`, { component, evidence: example }));
    }
  }
  return findings;
}

const countOf = (buttons: TemplateButton[], type: TemplateButton['type']): number => buttons.filter((b) => b.type === type).length;

export function lintButtons(buttons: TemplateButton[]): LintFinding[] {
  const findings = buttons.flatMap(lintButton);
  if (buttons.length > DRAFT_LIMITS.buttons) {
    findings.push(lintError('too-many-buttons', `A template can have at most ${DRAFT_LIMITS.buttons} buttons; this one has ${buttons.length}.`, { component: 'BUTTONS' }));
  }
  const typeLimits: Array<[TemplateButton['type'], number, string, string]> = [
    ['URL', DRAFT_LIMITS.urlButtons, 'too-many-url-buttons', 'URL buttons'],
    ['PHONE_NUMBER', DRAFT_LIMITS.phoneButtons, 'too-many-phone-buttons', 'phone-number button'],
    ['COPY_CODE', DRAFT_LIMITS.copyCodeButtons, 'too-many-copy-code-buttons', 'copy-code button'],
  ];
  for (const [type, limit, rule, label] of typeLimits) {
    const count = countOf(buttons, type);
    if (count > limit) findings.push(lintError(rule, `Meta allows at most ${limit} ${label}; this template has ${count}.`, { component: 'BUTTONS' }));
  }
  // Quick replies must form one group: QR,QR,URL and URL,QR,QR are fine; QR,URL,QR is not.
  const quick = buttons.map((b, i) => (b.type === 'QUICK_REPLY' ? i : -1)).filter((i) => i >= 0);
  if (quick.length > 0 && (quick[quick.length - 1] as number) - (quick[0] as number) + 1 !== quick.length) {
    findings.push(
      lintError('quick-replies-not-contiguous', 'Quick-reply buttons must sit together, before or after the other buttons (QR, QR, URL — not QR, URL, QR); Meta rejects the mix as an invalid combination.', {
        component: 'BUTTONS',
        evidence: buttons.map((b) => b.type).join(', '),
      }),
    );
  }
  return findings;
}
