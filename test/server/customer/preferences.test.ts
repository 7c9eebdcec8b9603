/**
 * The preference centre over real HTTP: AYARLAR / SETTINGS on WhatsApp → the customer's signed,
 * expiring link; the page; a change through it → a `preference_center` ledger record, and the gate
 * then refuses a template of the topic turned off while others still go out; stop everything;
 * tampered/expired links; the form's guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../helpers/test-server';
import { consentOf, customerSays, json, sendTemplate, startCustomerServer, textsOnPhone, visibleText } from './helpers';

let s: TestServer;
let client = 10;
const asClient = () => ({ 'x-forwarded-for': `127.0.1.${++client}` });

beforeAll(async () => {
  s = await startCustomerServer({ KOPRU_TRUST_PROXY: 'on' });
});
afterAll(() => s.close());

const SHIPPING = { name: 'shipping_update' };
const SHIPPING_VALUES = { '1': 'Ayşe', '2': 'TR-10482', '3': 'TRK1', 'button.0': 'TRK1' };
const ORDER = { name: 'order_confirmation' };
const ORDER_VALUES = { '1': 'Ayşe', '2': 'TR-10482', '3': '10 TL' };

async function optedInCustomer(waId: string, topics = ['order_updates', 'shipping']) {
  const res = await s.api('/api/consents', { method: 'POST', json: { phone: `+${waId}`, action: 'opt_in', method: 'paper_form', topics } });
  expect(res.status).toBe(201);
}

/** The customer writes AYARLAR (or another keyword) and gets the link back; its path. */
async function askForLink(waId: string, keyword = 'AYARLAR'): Promise<{ text: string; path: string; token: string }> {
  await customerSays(s, waId, { text: keyword });
  const [text] = await textsOnPhone(s, waId);
  const url = /https?:\/\/\S+\/preferences\/(\S+)/.exec(text!);
  expect(url, text).not.toBeNull();
  return { text: text!, path: `/preferences/${url![1]}`, token: url![1]! };
}

async function openPage(path: string, lang?: string) {
  const res = await fetch(`${s.url}${path}${lang ? `?lang=${lang}` : ''}`);
  const html = await res.text();
  return { res, html, form: /name="form" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

function save(path: string, f: { form?: string; topics?: string[]; action?: string; lang?: string }, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  if (f.form !== undefined) body.append('form', f.form);
  body.append('lang', f.lang ?? 'tr');
  for (const t of f.topics ?? []) body.append('topics', t);
  body.append('action', f.action ?? 'save');
  return fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...asClient(), ...headers }, body });
}

describe('AYARLAR / SETTINGS', () => {
  it('AYARLAR gets a Turkish message with the customer\'s own link, valid 24 hours', async () => {
    const waId = '905321250111';
    await optedInCustomer(waId);
    const { text, path } = await askForLink(waId, 'Ayarlar');
    expect(text).toContain('Köprü Demo Mağazası: Hangi WhatsApp mesajlarını alacağınızı buradan seçebilirsiniz (bağlantı 24 saat geçerli)');
    expect(text).toContain(`${s.url}/preferences/`);
    const { res } = await openPage(path);
    expect(res.status).toBe(200);
    // The message was a keyword, not a consent change.
    expect((await consentOf(s, `+${waId}`)).history).toHaveLength(1);
  });

  it('SETTINGS gets it in English', async () => {
    const waId = '447911125112';
    await optedInCustomer(waId);
    const { text } = await askForLink(waId, 'settings.');
    expect(text).toMatch(/^Köprü Demo Mağazası: Choose which WhatsApp messages you get here \(the link works for 24 hours\):/);
  });
});

describe('the preference page', () => {
  it('shows the customer\'s current topics ticked and a masked number, in Turkish or English, and cannot be framed', async () => {
    const waId = '905321250121';
    await optedInCustomer(waId, ['order_updates', 'payments']);
    const { path } = await askForLink(waId);
    const tr = await openPage(path);
    expect(tr.html).toContain('<html lang="tr">');
    expect(tr.html).toContain('+90 532 ***** 21');
    expect(tr.html).not.toContain('5321250121');
    expect(tr.html).toMatch(/value="order_updates" checked/);
    expect(tr.html).toMatch(/value="payments" checked/);
    expect(tr.html).toMatch(/value="shipping">/);
    expect(tr.html).toContain('Tüm mesajları durdur');
    expect(tr.res.headers.get('x-frame-options')).toBe('DENY');
    expect(tr.res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const en = await openPage(path, 'en');
    expect(en.html).toContain('<html lang="en">');
    expect(visibleText(en.html)).toContain('Your WhatsApp message preferences');
  });

  it('turning shipping off → a preference_center record; a shipping template is refused with TOPIC_OPTED_OUT, an order template still goes out', async () => {
    const waId = '905321250131';
    const phone = `+${waId}`;
    await optedInCustomer(waId, ['order_updates', 'shipping']);
    expect((await sendTemplate(s, phone, SHIPPING, SHIPPING_VALUES)).status).toBe(202);

    const { path } = await askForLink(waId);
    const { form } = await openPage(path);
    const res = await save(path, { form, topics: ['order_updates'] });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('Tercihleriniz kaydedildi. Alacağınız mesajlar: sipariş bilgileri.');

    const consent = await consentOf(s, phone);
    expect(consent).toMatchObject({ status: 'opted_in', topics: ['order_updates'] });
    expect(consent.history[0]).toMatchObject({
      action: 'opt_out',
      method: 'preference_center',
      topics: ['shipping'],
      evidence: { channel: 'preference_link', topicsBefore: ['order_updates', 'shipping'], topicsChosen: ['order_updates'] },
    });

    const refused = await sendTemplate(s, phone, SHIPPING, SHIPPING_VALUES);
    expect(refused.status).toBe(422);
    const error = (await json<{ error: { code: string; details: Record<string, unknown> } }>(refused)).error;
    expect(error).toMatchObject({ code: 'TOPIC_OPTED_OUT', details: { topic: 'shipping', topicSource: 'inferred', template: 'shipping_update', customerTopics: ['order_updates'] } });
    expect((await sendTemplate(s, phone, ORDER, ORDER_VALUES)).status).toBe(202);
    expect((await json<{ ok: boolean }>(await s.api('/api/consents/verify', { token: s.adminToken }))).ok).toBe(true);
  });

  it('turning a topic on is an opt-in with the full new set (pointing at the current wording); saving unchanged records nothing', async () => {
    const waId = '905321250141';
    const phone = `+${waId}`;
    await optedInCustomer(waId, ['order_updates']);
    const { path } = await askForLink(waId);
    let page = await openPage(path, 'en');
    await save(path, { form: page.form, topics: ['order_updates', 'surveys'], lang: 'en' });
    let consent = await consentOf(s, phone);
    expect(consent.history[0]).toMatchObject({ action: 'opt_in', method: 'preference_center', topics: ['order_updates', 'surveys'], wordingId: 'cw_en_v1' });
    expect((await sendTemplate(s, phone, { name: 'feedback_survey', language: 'en' }, { '1': 'Emma', '2': '#1' })).status).toBe(202);

    page = await openPage(path, 'en');
    const res = await save(path, { form: page.form, topics: ['surveys', 'order_updates'], lang: 'en' });
    expect(visibleText(await res.text())).toContain('You made no changes');
    consent = await consentOf(s, phone);
    expect(consent.history).toHaveLength(2);
  });

  it('"stop all messages" is a full opt-out; the page then says so and can opt back in', async () => {
    const waId = '905321250151';
    const phone = `+${waId}`;
    await optedInCustomer(waId);
    const { path } = await askForLink(waId);
    let page = await openPage(path);
    const res = await save(path, { form: page.form, topics: ['order_updates'], action: 'stop_all' });
    expect(visibleText(await res.text())).toContain('size artık WhatsApp\'tan mesaj göndermeyeceğiz');
    let consent = await consentOf(s, phone);
    expect(consent).toMatchObject({ status: 'opted_out', topics: [] });
    expect(consent.history[0]).toMatchObject({ action: 'opt_out', method: 'preference_center', topics: [], evidence: { stopAll: true } });
    expect((await json<{ error: { code: string } }>(await sendTemplate(s, phone, ORDER, ORDER_VALUES))).error.code).toBe('OPTED_OUT');

    page = await openPage(path);
    expect(visibleText(page.html)).toContain('Şu anda size WhatsApp\'tan mesaj göndermiyoruz');
    expect(page.html).not.toMatch(/value="\w+" checked/);
    await save(path, { form: page.form, topics: ['shipping'] });
    consent = await consentOf(s, phone);
    expect(consent).toMatchObject({ status: 'opted_in', topics: ['shipping'] });
  });
});

describe('links and forms that must not work', () => {
  it('a tampered link → 404 (payload or signature changed), an expired one → 410 with how to get a new one', async () => {
    const waId = '905321250161';
    await optedInCustomer(waId);
    const { token } = await askForLink(waId);
    const [payload, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), p: '+905321250162' })).toString('base64url');
    expect((await openPage(`/preferences/${other}.${mac}`)).res.status).toBe(404);
    expect((await openPage(`/preferences/${payload}.${mac!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).res.status).toBe(404);
    expect((await openPage('/preferences/not-a-token')).res.status).toBe(404);

    s.running.virtualClock!.advance(24 * 3600_000 + 1000);
    const expired = await openPage(`/preferences/${token}`);
    expect(expired.res.status).toBe(410);
    expect(visibleText(expired.html)).toContain('Yeni bir bağlantı için bize WhatsApp\'tan AYARLAR yazın');
    expect((await save(`/preferences/${token}`, { topics: [] })).status).toBe(410);
  });

  it('the form needs its own single-use token and our own origin (403 otherwise), and nothing changes', async () => {
    const waId = '905321250171';
    const phone = `+${waId}`;
    await optedInCustomer(waId);
    const { path } = await askForLink(waId);
    const { form } = await openPage(path);
    expect((await save(path, { topics: [] })).status).toBe(403);
    expect((await save(path, { form: `${form}x`, topics: [] })).status).toBe(403);
    expect((await save(path, { form, topics: [] }, { origin: 'https://evil.example' })).status).toBe(403);
    // A form token from another customer's link does not fit this one.
    const otherWaId = '905321250172';
    await optedInCustomer(otherWaId);
    const other = await askForLink(otherWaId);
    const otherForm = (await openPage(other.path)).form;
    expect((await save(path, { form: otherForm, topics: [] })).status).toBe(403);
    expect((await consentOf(s, phone)).history).toHaveLength(1);
    // The right one works once.
    expect((await save(path, { form, topics: ['order_updates'] })).status).toBe(200);
    expect((await save(path, { form, topics: [] })).status).toBe(403);
    expect((await consentOf(s, phone)).status).toBe('opted_in');
  });

  it('per client: a burst of 10 posts, then 429', async () => {
    const waId = '905321250181';
    await optedInCustomer(waId);
    const { path } = await askForLink(waId);
    const headers = { 'x-forwarded-for': '127.0.2.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await save(path, { form: (await openPage(path)).form, topics: ['order_updates'] }, headers)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });
});
