/**
 * The customer side's pure parts, table-driven: signed tokens, topic inference, languages, phone
 * masking, redirect allow-list, confirmation words, codes in messages, HTML escaping, date ranges,
 * and the preference centre's ledger records.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAllowedTarget } from '../../../server/core/click-tracking';
import { consentState, recordConsent } from '../../../server/core/consent-ledger';
import { topicList } from '../../../server/core/customer-texts';
import { findEntryCodes, messageLanguage } from '../../../server/core/entry-points';
import { findCodes } from '../../../server/core/optin-codes';
import { applyPreferenceChange, matchPreferencesKeyword } from '../../../server/core/preference-center';
import { confirmationStrength } from '../../../server/core/public-optin';
import { keyedHash, linkSecret, signToken, verifyToken } from '../../../server/core/signed-links';
import { inferTopic } from '../../../server/core/topic-gate';
import { html, raw } from '../../../server/public/html';
import { maskPhone, pickLanguage } from '../../../server/public/page-text';
import { resolveRange } from '../../../server/routes/engagement';
import { unitDeps, type UnitDeps } from '../consent/unit-deps';

let d: UnitDeps;
beforeEach(() => {
  d = unitDeps();
});
afterEach(() => d.close());

describe('signed tokens', () => {
  it('round-trips, and refuses another purpose, a changed payload or signature, and garbage', () => {
    const secret = linkSecret(d.config);
    const token = signToken(secret, 'preferences', { p: '+905321234567', x: 1 });
    expect(verifyToken(secret, 'preferences', token)).toEqual({ ok: true, data: { p: '+905321234567', x: 1 } });
    expect(verifyToken(secret, 'optin-form', token)).toEqual({ ok: false, reason: 'bad_signature' });
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ p: '+905321234568', x: 1 })).toString('base64url');
    expect(verifyToken(secret, 'preferences', `${forged}.${mac}`).ok).toBe(false);
    expect(verifyToken(secret, 'preferences', `${payload}.${mac!.slice(1)}A`).ok).toBe(false);
    for (const junk of ['', '.', 'abc', `${payload}`, `${payload}.${mac}.x`, '<script>.x']) expect(verifyToken(secret, 'preferences', junk).ok).toBe(false);
    expect(verifyToken(Buffer.alloc(32, 1), 'preferences', token).ok).toBe(false);
    // Every other spelling of the same MAC (base64url padding bits) is refused too.
    const last = mac!.at(-1)!;
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (ch !== last) expect(verifyToken(secret, 'preferences', `${payload}.${mac!.slice(0, -1)}${ch}`).ok).toBe(false);
    }
  });

  it('keeps its secret in the data folder (owner-only) and reuses it', () => {
    const a = linkSecret(d.config);
    const b = linkSecret(d.config);
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(32);
    expect(statSync(join(d.config.dataDir, 'link-signing.key')).mode & 0o777).toBe(0o600);
  });

  it('keyed hashes are stable per purpose and differ across purposes', () => {
    const secret = linkSecret(d.config);
    expect(keyedHash(secret, 'client', '127.0.0.1')).toBe(keyedHash(secret, 'client', '127.0.0.1'));
    expect(keyedHash(secret, 'client', '127.0.0.1')).not.toBe(keyedHash(secret, 'other', '127.0.0.1'));
    expect(keyedHash(secret, 'client', '127.0.0.1')).not.toContain('127');
  });
});

describe('template topics', () => {
  it.each([
    ['order_confirmation', 'UTILITY', 'order_updates'],
    ['siparis_durumu', 'UTILITY', 'order_updates'],
    ['shipping_update', 'UTILITY', 'shipping'],
    ['kargo_takip', 'UTILITY', 'shipping'],
    ['delivery_scheduled', 'UTILITY', 'shipping'],
    ['appointment_reminder', 'UTILITY', 'appointments'],
    ['randevu_hatirlatma', 'UTILITY', 'appointments'],
    ['payment_reminder', 'UTILITY', 'payments'],
    ['fatura_hazir', 'UTILITY', 'payments'],
    ['account_update', 'UTILITY', 'account_notices'],
    ['sifre_degisti', 'UTILITY', 'account_notices'],
    ['feedback_survey', 'UTILITY', 'surveys'],
    ['memnuniyet_anketi', 'UTILITY', 'surveys'],
    ['spring_sale', 'MARKETING', 'marketing'],
    ['optin_confirmation', 'UTILITY', null],
    ['whatsapp_handoff', 'UTILITY', null],
    ['hello_world', 'UTILITY', null],
  ] as const)('%s (%s) → %s', (name, category, topic) => {
    expect(inferTopic({ name, category })).toBe(topic);
  });
});

describe('page language', () => {
  it.each([
    [undefined, undefined, 'tr', 'tr'],
    ['en', 'tr-TR', 'tr', 'en'],
    ['de', 'en-US,en;q=0.9', 'tr', 'en'],
    [undefined, 'tr-TR,tr;q=0.9,en-US;q=0.8', 'en', 'tr'],
    [undefined, 'fr-FR, en;q=0.3, tr;q=0.7', 'en', 'tr'],
    [undefined, 'en;q=0, tr;q=0.1', 'en', 'tr'],
    [undefined, 'de-DE', 'en', 'en'],
  ] as const)('?lang=%s, Accept-Language %s, fallback %s → %s', (query, header, fallback, expected) => {
    expect(pickLanguage(query, header, fallback)).toBe(expected);
  });
});

describe('small helpers', () => {
  it.each([
    ['+905321234567', '+90 532 ***** 67'],
    ['+447911123456', '+44 791 ***** 56'],
    ['+14155552671', '+1 415 ***** 71'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['https://shop.example.com/orders/{{1}}', true],
    ['http://shop.example.com/x', true],
    ['https://SHOP.example.com/x', true],
    ['https://a.b.example.org/x', true],
    ['https://example.org/x', false], // *.example.org is subdomains only
    ['https://shop.example.com.evil.test/x', false],
    ['https://evilshop.example.com/x', false],
    ['https://user:pw@shop.example.com/x', false],
    ['javascript:alert(1)', false],
    ['ftp://shop.example.com/x', false],
    ['//shop.example.com/x', false],
    ['not a url', false],
  ])('redirect target %s allowed: %s', (url, allowed) => {
    expect(isAllowedTarget(url, ['shop.example.com', '*.example.org'])).toBe(allowed);
  });

  it.each([
    [{ text: 'Onaylıyorum' }, 'strong'],
    [{ text: 'ONAYLIYORUM!' }, 'strong'],
    [{ text: 'başla' }, 'strong'],
    [{ text: 'START' }, 'strong'],
    [{ buttonPayload: 'KOPRU_CONFIRM', buttonText: 'Evet, benim' }, 'strong'],
    [{ text: 'Evet' }, 'weak'],
    [{ text: 'tamam 👍' }, 'weak'],
    [{ text: 'OK' }, 'weak'],
    [{ text: 'Evet ama önce bir sorum var, siparişim ne zaman gelir?' }, null],
    [{ text: 'Kim bu?' }, null],
    [{ text: 'STOP' }, null],
  ] as const)('confirmation %o → %s', (m, strength) => {
    expect(confirmationStrength(m)).toBe(strength);
  });

  it('entry-point codes (six characters) and opt-in codes (five) never read as each other', () => {
    expect(findEntryCodes('Merhaba! Onay kodum: KOPRU-7F3KQ2')).toEqual(['KOPRU-7F3KQ2']);
    expect(findEntryCodes('köprü 7f3kq2 lütfen')).toEqual(['KOPRU-7F3KQ2']);
    expect(findCodes('Merhaba! Onay kodum: KOPRU-7F3KQ2')).toEqual([]);
    expect(findEntryCodes('Onay kodum: KOPRU-7F3KQ')).toEqual([]);
  });

  it.each([
    ["Hi! I'd like to get updates from Köprü Demo Mağazası on WhatsApp. My code: KOPRU-AAAAAA", 'tr', 'en'],
    ["Merhaba! Köprü Demo Mağazası bildirimlerini WhatsApp'tan almak istiyorum. Onay kodum: KOPRU-AAAAAA", 'en', 'tr'],
    ['KOPRU-AAAAAA', 'en', 'en'],
  ] as const)('message language of %j (fallback %s) → %s', (text, fallback, expected) => {
    expect(messageLanguage(text, fallback)).toBe(expected);
  });

  it.each([
    ['AYARLAR', 'tr'],
    ['ayarlar.', 'tr'],
    ['Tercihler', 'tr'],
    ['Settings', 'en'],
    ['preferences!', 'en'],
    ['ayarlarımı nasıl değiştiririm', null],
  ] as const)('%j asks for the preference link in %s', (text, language) => {
    expect(matchPreferencesKeyword(text)).toBe(language);
  });

  it('topic lists read naturally', () => {
    expect(topicList(['shipping'], 'en')).toBe('shipping and delivery');
    expect(topicList(['order_updates', 'shipping', 'surveys'], 'tr')).toBe('sipariş bilgileri, kargo ve teslimat ve anketler');
  });

  it('the html tag escapes interpolations but not nested html or raw()', () => {
    const name = '<img src=x onerror=alert(1)> & "quotes"';
    expect(html`<p title="${name}">${name}</p>`.html).toBe('<p title="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>');
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${raw('<br>')}`.html).toBe('<ul><li>a</li><li>b</li></ul><br>');
  });

  it.each([
    [{}, { from: 1_000_000 - 30 * 86_400_000 + 1, to: 1_000_001 }],
    [{ from: '5', to: '10' }, { from: 5, to: 10 }],
    [{ from: '2026-03-10', to: '2026-03-10' }, { from: Date.UTC(2026, 2, 10), to: Date.UTC(2026, 2, 11) }],
    [{ from: '2026-03-10T12:00:00Z' }, { from: Date.UTC(2026, 2, 10, 12), to: 1_000_001 }],
  ])('range %o → %o', (q, range) => {
    expect(resolveRange(q, 1_000_000)).toEqual(range);
  });
});

describe('preference changes in the ledger', () => {
  const phone = '+905321234567';
  const change = (topics: string[] | 'stop_all') =>
    applyPreferenceChange(d, {
      phone,
      change: topics === 'stop_all' ? { kind: 'stop_all' } : { kind: 'topics', topics: topics as never },
      language: 'tr',
      via: { channel: 'test' },
    });

  it('removing only → opt_out of those topics; adding → opt_in with the full set; no change → no record; stop → full opt-out', () => {
    recordConsent(d, { phone, action: 'opt_in', method: 'paper_form', topics: ['order_updates', 'shipping', 'payments'] });
    expect(change(['order_updates', 'payments'])).toMatchObject({ action: 'opt_out', method: 'preference_center', topics: ['shipping'] });
    expect(change(['order_updates', 'payments'])).toBeNull();
    expect(change(['payments', 'surveys'])).toMatchObject({ action: 'opt_in', topics: ['payments', 'surveys'], wordingId: 'cw_tr_v1' });
    expect(consentState(d.db, phone).topics).toEqual(['payments', 'surveys']);
    expect(change([])).toMatchObject({ action: 'opt_out', topics: [] });
    expect(consentState(d.db, phone).status).toBe('opted_out');
    expect(change('stop_all')).toBeNull(); // already stopped
    expect(change(['shipping'])).toMatchObject({ action: 'opt_in', topics: ['shipping'] });
    expect(consentState(d.db, phone)).toMatchObject({ status: 'opted_in', topics: ['shipping'] });
  });
});
