/**
 * The public double opt-in page over real HTTP with the sandbox playing the customer's phone: the
 * form, the pending opt-in, the WhatsApp confirmation that makes it active — and scripted abuse:
 * an unticked box, the honeypot, bad/reused/foreign form tokens, a foreign Origin, per-client and
 * per-number limits, and identical answers whatever the number's state.
 *
 * The server trusts X-Forwarded-For here (KOPRU_TRUST_PROXY=on), so each test is its own client
 * (loopback addresses) and the per-client limit of one test does not spill into another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryPoint } from '../../../shared/schemas/entry-point';
import { submitMessage, SYSTEM_ACTOR } from '../../../server/core/send-message';
import { waitFor, type TestServer } from '../../helpers/test-server';
import {
  consentOf,
  createEntryPoint,
  customerSays,
  json,
  openOptinPage,
  phoneShows,
  postOptin,
  sendTemplate,
  startCustomerServer,
  submitOptin,
  templatesOnPhone,
  textsOnPhone,
  visibleText,
} from './helpers';

let s: TestServer;
let web: EntryPoint;
let client = 10;
/** A fresh client address per call site (127.0.0.x). */
const asClient = () => ({ 'x-forwarded-for': `127.0.0.${++client}` });

beforeAll(async () => {
  s = await startCustomerServer({ KOPRU_TRUST_PROXY: 'on' });
  web = await createEntryPoint(s, { name: 'Web sitesi pop-up', source: 'website_popup', topics: ['order_updates', 'shipping', 'surveys'] });
});
afterAll(() => s.close());

const pendingCount = (phone: string) =>
  s.running.deps.db.prepare("SELECT COUNT(*) FROM web_optins WHERE phone = ? AND status = 'pending'").pluck().get(phone) as number;
const webOptinCount = (phone: string) => s.running.deps.db.prepare('SELECT COUNT(*) FROM web_optins WHERE phone = ?').pluck().get(phone) as number;

describe('GET /optin/{slug}', () => {
  it('shows the business, the exact wording next to an unticked box, the number field and topic choices, in Turkish', async () => {
    const { res, html, token } = await openOptinPage(s, web.slug, { acceptLanguage: 'tr-TR,tr;q=0.9,en;q=0.5' });
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Köprü Demo Mağazası');
    expect(html).toContain('Köprü Demo Mağazası tarafından siparişlerim, kargolarım'); // the wording, business filled in
    expect(html).toMatch(/<input type="tel" id="phone" name="phone"/);
    expect(html).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" required>/); // not pre-ticked
    for (const topic of ['Sipariş bilgileri', 'Kargo ve teslimat', 'Anketler']) expect(html).toContain(topic);
    expect(html).not.toContain('Ödemeler'); // only the entry point's topics
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https:");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it.each([
    [{ lang: 'en' }, 'en', 'Get Köprü Demo Mağazası updates on WhatsApp'],
    [{ acceptLanguage: 'en-GB,en;q=0.8' }, 'en', 'I agree to receive service messages'],
    [{ acceptLanguage: 'de-DE,tr;q=0.4,en;q=0.6' }, 'en', 'Your mobile number'],
    [{ acceptLanguage: 'de-DE' }, 'tr', 'Cep telefonunuz'],
    [{ lang: 'tr', acceptLanguage: 'en' }, 'tr', "bilgilendirmelerini WhatsApp'tan alın"],
  ])('%o → %s', async (opts, lang, phrase) => {
    const { html } = await openOptinPage(s, web.slug, opts);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(visibleText(html)).toContain(phrase);
  });

  it('counts page views, and answers 404 for an unknown slug or a printed (non-web) entry point', async () => {
    const before = (await json<{ entryPoints: EntryPoint[] }>(await s.api('/api/entry-points', { token: s.adminToken }))).entryPoints.find((e) => e.id === web.id)!.counts.pageViews;
    await openOptinPage(s, web.slug);
    const after = (await json<{ entryPoints: EntryPoint[] }>(await s.api('/api/entry-points', { token: s.adminToken }))).entryPoints.find((e) => e.id === web.id)!.counts.pageViews;
    expect(after).toBe(before + 1);
    expect((await openOptinPage(s, 'no-such-page')).res.status).toBe(404);
    const printed = await createEntryPoint(s, { name: 'Kasa', source: 'qr_point_of_sale', topics: ['shipping'] });
    expect((await openOptinPage(s, printed.slug)).res.status).toBe(404);
  });

  it('embed: the iframe page allows only the listed origins to frame it when the entry point names them', async () => {
    const e = await createEntryPoint(s, { name: 'Shop iframe', source: 'embedded_form', topics: ['shipping'], embedOrigins: ['https://shop.example.com'] });
    const { res, html } = await openOptinPage(s, e.slug, { embed: true });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://shop.example.com");
    expect(html).toContain('<body class="embed">');
    expect(html).toContain(`action="/optin/${e.slug}?embed=1"`);
  });
});

describe('double opt-in', () => {
  it('refuses an unticked box: 422, the form again with the reason, nothing recorded or sent', async () => {
    const phone = '+905321240111';
    const res = await submitOptin(s, web.slug, { phone, topics: ['shipping'], consent: false, lang: 'tr' }, asClient());
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Devam etmek için onay kutusunu işaretleyin.');
    expect(html).toContain(`value="${phone}"`); // what they typed is kept
    expect(webOptinCount(phone)).toBe(0);
    expect(await phoneShows(s, '905321240111')).toEqual([]);
  });

  it.each([
    ['an invalid number', { phone: '12345', topics: ['shipping'], consent: true }, 'Bu telefon numarası geçerli görünmüyor'],
    ['no topic', { phone: '+905321240112', topics: [], consent: true }, 'En az bir konu seçin'],
    ['a topic the entry point does not offer', { phone: '+905321240113', topics: ['marketing'], consent: true }, 'En az bir konu seçin'],
  ])('refuses %s with 422 and says why', async (_label, fields, message) => {
    const res = await submitOptin(s, web.slug, { ...fields, lang: 'tr' }, asClient());
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
  });

  it('records a pending opt-in and asks on WhatsApp; only the customer\'s confirmation opts them in (method web_form, source website_popup)', async () => {
    const waId = '905321240121';
    const phone = `+${waId}`;
    const res = await submitOptin(s, web.slug, { phone: '0532 124 01 21', name: 'Ayşe', topics: ['order_updates', 'surveys'], consent: true, lang: 'tr' }, asClient());
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('WhatsApp\'ınızı kontrol edin');

    // Pending: no consent yet, so an agent's template is still refused…
    expect((await consentOf(s, phone)).status).toBe('none');
    expect(pendingCount(phone)).toBe(1);
    const refused = await sendTemplate(s, phone, { name: 'order_confirmation' }, { '1': 'Ayşe', '2': 'TR-1', '3': '10 TL' });
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('NO_CONSENT');

    // …but the customer got the confirmation question, in Turkish, naming what they chose.
    const [question] = await templatesOnPhone(s, waId);
    expect(JSON.stringify(question!.rendered)).toContain('Merhaba Ayşe');
    expect(JSON.stringify(question!.rendered)).toContain('sipariş bilgileri ve anketler');
    const stored = s.running.deps.db.prepare("SELECT template_name, template_language, purpose, agent_id FROM messages WHERE phone = ? AND kind = 'template'").get(phone);
    expect(stored).toEqual({ template_name: 'optin_confirmation', template_language: 'tr', purpose: 'optin_confirmation', agent_id: 'agt_system' });

    const wamid = await customerSays(s, waId, { text: 'Evet', context: { id: question!.id } });
    const consent = await consentOf(s, phone);
    expect(consent.status).toBe('opted_in');
    expect(consent.topics).toEqual(['order_updates', 'surveys']);
    expect(consent.history[0]).toMatchObject({
      action: 'opt_in',
      method: 'web_form',
      wordingId: 'cw_tr_v1',
      evidence: {
        source: 'website_popup',
        entryPointId: web.id,
        channel: 'web_form',
        confirmation: { inboundMessageId: wamid, text: 'Evet', contextWamid: question!.id },
        confirmationMessage: { wamid: question!.id },
      },
    });
    expect((consent.history[0]!.evidence as { submission: { ipHash: string } }).submission.ipHash).toMatch(/^[\w-]{22}$/);
    const [thanks] = await textsOnPhone(s, waId);
    expect(thanks).toContain('sipariş bilgileri ve anketler');
    expect(pendingCount(phone)).toBe(0);
    expect((await sendTemplate(s, phone, { name: 'order_confirmation' }, { '1': 'Ayşe', '2': 'TR-1', '3': '10 TL' })).status).toBe(202);
    const listed = (await json<{ entryPoints: EntryPoint[] }>(await s.api('/api/entry-points', { token: s.adminToken }))).entryPoints.find((e) => e.id === web.id)!;
    expect(listed.counts.viaWebForm).toBeGreaterThanOrEqual(1);
  });

  it('an English page asks in English; START confirms (one opt-in, not a keyword opt-in besides)', async () => {
    const waId = '447911124122';
    const res = await submitOptin(s, web.slug, { phone: `+${waId}`, topics: ['shipping'], consent: true, lang: 'en' }, asClient());
    expect(res.status).toBe(200);
    const [question] = await templatesOnPhone(s, waId);
    expect(JSON.stringify(question!.rendered)).toContain('Hi there');
    await customerSays(s, waId, { text: 'START' });
    const consent = await consentOf(s, `+${waId}`);
    expect(consent.history).toHaveLength(1);
    expect(consent.history[0]).toMatchObject({ method: 'web_form', topics: ['shipping'], wordingId: 'cw_en_v1' });
    expect((await textsOnPhone(s, waId))[0]).toContain('shipping and delivery');
  });

  it('"Tamam" in the middle of a chat with an agent does not confirm; a reply to the question does', async () => {
    const waId = '905321240123';
    const phone = `+${waId}`;
    await submitOptin(s, web.slug, { phone, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    const [question] = await templatesOnPhone(s, waId);
    await customerSays(s, waId, { text: 'Siparişim nerede?' });
    const sent = await s.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': 'agent-chat-240123' }, json: { phone, text: 'Kargoda, yarın elinizde.' } });
    expect(sent.status).toBe(202);
    await customerSays(s, waId, { text: 'Tamam' });
    expect((await consentOf(s, phone)).status).toBe('none');
    await customerSays(s, waId, { text: 'tamam', context: { id: question!.id } });
    expect((await consentOf(s, phone)).status).toBe('opted_in');
  });

  it('a stop while pending declines it: a later "Evet" opts nobody in', async () => {
    const waId = '905321240124';
    const phone = `+${waId}`;
    await submitOptin(s, web.slug, { phone, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    const [question] = await templatesOnPhone(s, waId);
    await customerSays(s, waId, { button: { payload: 'Durdur', text: 'Durdur' }, context: { id: question!.id } });
    expect((await consentOf(s, phone)).status).toBe('opted_out');
    expect(s.running.deps.db.prepare('SELECT status FROM web_optins WHERE phone = ?').pluck().get(phone)).toBe('declined');
    await customerSays(s, waId, { text: 'Evet', context: { id: question!.id } });
    expect((await consentOf(s, phone)).status).toBe('opted_out');
  });

  it('the answer page works without a configured business number (just without the chat link)', async () => {
    const w = s.running.deps.config.whatsapp;
    const number = w.businessNumber;
    w.businessNumber = '';
    try {
      const res = await submitOptin(s, web.slug, { phone: '+905321240126', topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(visibleText(html)).toContain('WhatsApp\'ınızı kontrol edin');
      expect(html).not.toContain('wa.me');
    } finally {
      w.businessNumber = number;
    }
  });

  it('the gate\'s exception is only for the confirmation template to a pending number, sent by the server', async () => {
    const phone = '+905321240125';
    const d = s.running.deps;
    const other = await submitMessage(d, SYSTEM_ACTOR, 'gate-exception-1', { phone, template: { name: 'optin_confirmation', language: 'tr' }, values: { '1': 'A', '2': 'B' } }, { purpose: 'optin_confirmation' });
    expect(other.ok ? 'sent' : other.error.code).toBe('NO_CONSENT'); // nothing pending for this number
    await submitOptin(s, web.slug, { phone, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    await templatesOnPhone(s, '905321240125');
    const otherTemplate = await submitMessage(d, SYSTEM_ACTOR, 'gate-exception-2', { phone, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'A', '2': 'B', '3': 'C' } }, { purpose: 'optin_confirmation' });
    expect(otherTemplate.ok ? 'sent' : otherTemplate.error.code).toBe('NO_CONSENT');
    const agentAsks = await sendTemplate(s, phone, { name: 'optin_confirmation' }, { '1': 'A', '2': 'B' });
    expect((await json<{ error: { code: string } }>(agentAsks)).error.code).toBe('NO_CONSENT');
  });
});

describe('resisting scripted abuse', () => {
  it('honeypot filled: the same page a person gets, nothing recorded, nothing sent', async () => {
    const real = await submitOptin(s, web.slug, { phone: '+905321240131', topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    const bot = await submitOptin(s, web.slug, { phone: '+905321240132', topics: ['shipping'], consent: true, website: 'http://spam.example', lang: 'tr' }, asClient());
    expect(bot.status).toBe(real.status);
    expect(visibleText(await bot.text()).replace('+905321240132', 'N')).toBe(visibleText(await real.text()).replace('+905321240131', 'N'));
    expect(webOptinCount('+905321240132')).toBe(0);
    await templatesOnPhone(s, '905321240131');
    expect(await phoneShows(s, '905321240132')).toEqual([]);
  });

  it.each([
    ['no token', async () => undefined],
    ['a made-up token', async () => 'eyJzIjoieCJ9.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a token with a flipped character', async () => (await openOptinPage(s, web.slug)).token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))],
    ['the token of another entry point\'s page', async () => (await openOptinPage(s, (await createEntryPoint(s, { name: 'Other', source: 'in_app', topics: ['shipping'] })).slug)).token],
  ])('bad CSRF token (%s) → 403, nothing recorded', async (_label, tokenOf) => {
    const phone = '+905321240141';
    const token = await tokenOf();
    const res = await postOptin(s, web.slug, { ...(token !== undefined ? { token } : {}), phone, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Bu formun süresi doldu');
    expect(webOptinCount(phone)).toBe(0);
  });

  it('a form token works once: the replayed post → 403', async () => {
    const { token } = await openOptinPage(s, web.slug);
    const f = { token, phone: '+905321240142', topics: ['shipping'], consent: true, lang: 'tr' };
    const headers = asClient();
    expect((await postOptin(s, web.slug, f, headers)).status).toBe(200);
    expect((await postOptin(s, web.slug, f, headers)).status).toBe(403);
    expect(webOptinCount('+905321240142')).toBe(1);
  });

  it('an expired form token (over 2 hours old) → 403', async () => {
    const { token } = await openOptinPage(s, web.slug);
    s.running.virtualClock!.advance(2 * 3600_000 + 1000);
    const res = await postOptin(s, web.slug, { token, phone: '+905321240143', topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
    expect(res.status).toBe(403);
  });

  it('a post from another site\'s page (foreign Origin) → 403', async () => {
    const res = await submitOptin(s, web.slug, { phone: '+905321240144', topics: ['shipping'], consent: true }, { ...asClient(), origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(webOptinCount('+905321240144')).toBe(0);
  });

  it('per client: a burst of 10 posts, then 429 with Retry-After; another client is unaffected', async () => {
    const headers = asClient();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await submitOptin(s, web.slug, { phone: `+9053212402${String(10 + i)}`, topics: ['shipping'], consent: true, lang: 'tr' }, headers);
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await submitOptin(s, web.slug, { phone: '+905321240299', topics: ['shipping'], consent: true }, asClient())).status).toBe(200);
  });

  it('per number: three questions at most, the fourth submission looks the same and sends nothing', async () => {
    const waId = '905321240151';
    const pages: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await submitOptin(s, web.slug, { phone: `+${waId}`, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
      expect(res.status).toBe(200);
      pages.push(visibleText(await res.text()));
    }
    expect(new Set(pages).size).toBe(1);
    await waitFor(() => (s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE phone = ? AND status NOT IN ('queued', 'sending')").pluck().get(`+${waId}`) as number) >= 3);
    expect(webOptinCount(`+${waId}`)).toBe(3);
    expect(s.running.deps.db.prepare('SELECT COUNT(*) FROM messages WHERE phone = ?').pluck().get(`+${waId}`)).toBe(3);
    // The limit's key does not keep the number itself.
    const keys = s.running.deps.db.prepare("SELECT key FROM rate_limits WHERE key LIKE 'optin-phone:%'").pluck().all() as string[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('5321240151');
  });

  it('no enumeration: a new, a subscribed and an opted-out number get the same answer; the opted-out one gets no message', async () => {
    const subscribed = '905321240162';
    const optedOut = '905321240163';
    await s.api('/api/consents', { method: 'POST', json: { phone: `+${subscribed}`, action: 'opt_in', method: 'paper_form' } });
    await s.api('/api/consents', { method: 'POST', json: { phone: `+${optedOut}`, action: 'opt_in', method: 'paper_form' } });
    await customerSays(s, optedOut, { text: 'DUR' });
    await textsOnPhone(s, optedOut); // the opt-out confirmation
    const answers = [];
    for (const waId of ['905321240161', subscribed, optedOut]) {
      const res = await submitOptin(s, web.slug, { phone: `+${waId}`, topics: ['shipping'], consent: true, lang: 'tr' }, asClient());
      answers.push({ status: res.status, text: visibleText(await res.text()).replace(`+${waId}`, 'N') });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await templatesOnPhone(s, '905321240161');
    await templatesOnPhone(s, subscribed);
    const optedOutTemplates = (await phoneShows(s, optedOut)).filter((m) => m.type === 'template');
    expect(optedOutTemplates).toEqual([]);
  });
});
