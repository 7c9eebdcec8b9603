import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/schemas/api-error';
import type { RenderProblemCode } from '../../../shared/templates/render-template';
import { describeError, describeMetaFailure, describeProblem } from '../../../extension/i18n/describe';
import { en } from '../../../extension/i18n/en';
import { tr } from '../../../extension/i18n/tr';
import { detectLanguage, translator } from '../../../extension/i18n/translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('Turkish and English have exactly the same keys, none empty', () => {
    expect(Object.keys(tr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of [...Object.entries(en), ...Object.entries(tr)]) expect(text.trim(), key).not.toBe('');
  });

  it('each Turkish text uses the same {placeholders} as the English one', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(placeholders(tr[key]), key).toEqual(placeholders(en[key]));
  });

  it('Turkish texts are really translated (apart from names and shortcuts)', () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter((k) => en[k] === tr[k]);
    expect(same.every((k) => k.startsWith('helpdesk.') || ['app.title', 'send.shortcut', 'preview.media.video'].includes(k))).toBe(true);
  });

  it('every API error code has a sentence in both languages', () => {
    for (const lang of ['tr', 'en'] as const) {
      const t = translator(lang);
      for (const code of [...ErrorCode.options, 'NETWORK', 'BAD_RESPONSE'] as const) expect(describeError(t, { code }), code).not.toContain(code);
    }
  });

  it('every renderTemplate problem code has a sentence in both languages', () => {
    const codes: RenderProblemCode[] = ['MISSING', 'UNKNOWN_KEY', 'NEWLINE', 'TOO_MANY_SPACES', 'HEADER_TOO_LONG', 'BODY_TOO_LONG', 'PARAM_TOO_LONG', 'INVALID_URL_SUFFIX', 'COUPON_TOO_LONG', 'INVALID_CURRENCY', 'INVALID_DATE_TIME', 'INVALID_MEDIA', 'INVALID_LOCATION', 'WRONG_TYPE'];
    for (const lang of ['tr', 'en'] as const) {
      const t = translator(lang);
      for (const code of codes) expect(describeProblem(t, { code, limit: 60, actual: 61 }), code).not.toMatch(/\{|\(\w+_\w+\)/);
    }
    expect(describeProblem(translator('tr'), { code: 'BODY_TOO_LONG', limit: 1024, actual: 1100 })).toBe('Mesaj 1100 karakter olur; sınır 1024.');
  });

  it.each([
    ['tr', 131026, 'WhatsApp mesajı iletemedi'],
    ['en', 131047, 'More than 24 hours'],
    ['tr', 131049, '24 saat sonra'],
    ['en', 131050, 'stopped marketing'],
    ['tr', 132015, 'duraklatıldı'],
  ] as const)('Meta failure %s/%i is explained in the agent’s language', (lang, code, part) => {
    expect(describeMetaFailure(translator(lang), code, 'English reason')).toContain(part);
  });

  it('an unknown Meta code still names the code and Meta’s reason', () => {
    expect(describeMetaFailure(translator('en'), 999999, 'Odd thing')).toBe('WhatsApp error 999999: Odd thing');
  });

  it.each([
    ['tr-TR', 'tr'],
    ['tr', 'tr'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ] as const)('browser language %s → %s', (nav, lang) => {
    expect(detectLanguage(nav)).toBe(lang);
  });
});
