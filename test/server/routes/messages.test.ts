/**
 * `POST /api/messages` and `GET /api/messages/:id` over real HTTP against the sandbox: the gate's
 * refusals in order, idempotency (including the 100-request race), and the status life cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { submitMessage, SYSTEM_ACTOR } from '../../../server/core/send-message';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import { Message } from '../../../shared/schemas/message';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import {
  customerWrites,
  getMessage,
  newKey,
  optIn,
  ORDER_VALUES,
  sandboxSent,
  sendTemplate,
  sendText,
  trPhone,
  waitForStatus,
} from '../messaging/helpers';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(() => ts?.close());

const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error;

describe('POST /api/messages — template sends', () => {
  it('accepts an opted-in customer, answers 202 with the message, and follows it to read via webhooks', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    // The agent types the number the way the helpdesk shows it.
    const res = await sendTemplate(ts, `0${p.e164.slice(3, 6)} ${p.e164.slice(6, 9)} ${p.e164.slice(9)}`);
    expect(res.status).toBe(202);
    const { message } = (await res.json()) as { message: Message };
    expect(Message.parse(message)).toBeTruthy();
    expect(message).toMatchObject({ kind: 'template', phone: p.e164, template: { name: 'order_confirmation', language: 'tr' } });
    // The first Graph attempt completed before the answer: Meta's wamid is already there.
    expect(['accepted', 'sent', 'delivered', 'read']).toContain(message.status);
    expect(message.wamid).toMatch(/^wamid\./);
    expect(message.preview.body).toContain('Merhaba Ayşe, TR-10482 numaralı siparişiniz alındı');

    const read = await waitForStatus(ts, message.id, 'read');
    expect(read.history.map((h) => h.status)).toEqual(['queued', 'sending', 'accepted', 'sent', 'delivered', 'read']);
    // Outside the window a utility template is billable, and Meta says so on a status webhook.
    expect(read.pricing).toMatchObject({ billable: true, type: 'regular', category: 'utility' });

    const sent = (await sandboxSent(ts.url)).filter((s) => s.biz_opaque_callback_data === message.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.id).toBe(message.wamid);
  });

  it('refuses a customer who never opted in with NO_CONSENT and sends nothing', async () => {
    const p = trPhone();
    const before = (await sandboxSent(ts.url)).length;
    const res = await sendTemplate(ts, p.e164);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('NO_CONSENT');
    expect((await sandboxSent(ts.url)).length).toBe(before);
  });

  it('refuses a customer who opted out with OPTED_OUT, even after an earlier opt-in', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    recordConsent(ts.running.deps, { phone: p.e164, action: 'opt_out', method: 'phone_call' });
    const res = await sendTemplate(ts, p.e164);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('OPTED_OUT');
  });

  it.each([
    ['a landline extension', '0212 555 12 12 ext 45'],
    ['letters', 'call me maybe'],
    ['too few digits', '0532 41'],
  ])('refuses %s with INVALID_PHONE and the problem', async (_label, phone) => {
    const res = await sendTemplate(ts, phone);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('INVALID_PHONE');
    expect(error.details).toMatchObject({ phone: { code: expect.any(String) } });
  });

  it('checks the phone before consent: an invalid number is INVALID_PHONE, not NO_CONSENT', async () => {
    const res = await sendTemplate(ts, '+90 123');
    expect((await errorOf(res)).code).toBe('INVALID_PHONE');
  });

  it('refuses an unknown template with TEMPLATE_NOT_FOUND and names the languages it does exist in', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const missing = await sendTemplate(ts, p.e164, newKey(), { name: 'no_such_template' });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('TEMPLATE_NOT_FOUND');
    const wrongLanguage = await sendTemplate(ts, p.e164, newKey(), { name: 'delivery_scheduled', language: 'en' });
    const error = await errorOf(wrongLanguage);
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.details).toMatchObject({ languages: ['tr'] });
  });

  it.each([
    ['a paused template', 'delivery_delay_notice', { '1': 'Ayşe', '2': 'TR-1', '3': '15 Mayıs' }, 'PAUSED'],
    ['a rejected template', 'account_verification', { '1': 'Ayşe' }, 'NOT_APPROVED'],
    ['a marketing template', 'spring_sale', { '1': 'Ayşe' }, 'NOT_UTILITY'],
  ])('refuses %s with TEMPLATE_NOT_USABLE and the reason', async (_label, name, values, reason) => {
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendTemplate(ts, p.e164, newKey(), { name, values });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('TEMPLATE_NOT_USABLE');
    expect(error.details).toMatchObject({ reason });
  });

  it('refuses bad values with INVALID_VALUES and one problem per variable', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendTemplate(ts, p.e164, newKey(), { values: { '1': 'Ayşe\nHanım', '3': '10 TL', extra: 'x' } });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('INVALID_VALUES');
    const problems = error.details as Array<{ key: string; code: string }>;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: '1', code: 'NEWLINE' }),
        expect.objectContaining({ key: '2', code: 'MISSING' }),
        expect.objectContaining({ key: 'extra', code: 'UNKNOWN_KEY' }),
      ]),
    );
    expect(problems.some((x) => x.key === '3')).toBe(false);
  });

  it('limits the pair rate per customer: a burst goes out, the next is RATE_LIMITED with Retry-After', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await sendTemplate(ts, p.e164);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(2);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    const error = await errorOf(limited!);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'recipient' } });
  });
});

describe('POST /api/messages — free-form replies', () => {
  it('refuses text to a customer who has not written in 24 h with WINDOW_CLOSED', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendText(ts, p.e164, 'Kargonuz yarın geliyor.');
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('WINDOW_CLOSED');
  });

  it('sends text inside the window (no opt-in needed: the customer wrote first) and the window closes after 24 h', async () => {
    const p = trPhone();
    await customerWrites(ts, p.waId);
    const res = await sendText(ts, p.e164, 'Kargonuz yarın geliyor.');
    expect(res.status).toBe(202);
    const { message } = (await res.json()) as { message: Message };
    expect(message).toMatchObject({ kind: 'text', template: null, preview: { body: 'Kargonuz yarın geliyor.' } });
    await waitForStatus(ts, message.id, 'read');

    ts.running.virtualClock!.advance(24 * 3600_000 + 1000);
    const late = await sendText(ts, p.e164, 'Bir şey daha…');
    expect((await errorOf(late)).code).toBe('WINDOW_CLOSED');
  });
});

describe('POST /api/messages — idempotency', () => {
  it('requires an Idempotency-Key header (428) and a sensible length (400)', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const none = await ts.api('/api/messages', { method: 'POST', json: { phone: p.e164, template: { name: 'order_confirmation', language: 'tr' }, values: ORDER_VALUES } });
    expect(none.status).toBe(428);
    expect((await errorOf(none)).code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const short = await sendTemplate(ts, p.e164, 'abc');
    expect(short.status).toBe(400);
    expect((await errorOf(short)).code).toBe('VALIDATION_FAILED');
  });

  it('answers a retried request with the same message and never calls Graph twice', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const key = newKey();
    const first = (await (await sendTemplate(ts, p.e164, key)).json()) as { message: Message };
    const again = await sendTemplate(ts, p.e164, key);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { message: Message }).message.id).toBe(first.message.id);
    expect((await sandboxSent(ts.url)).filter((s) => s.biz_opaque_callback_data === first.message.id)).toHaveLength(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const key = newKey();
    const a = await ts.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': key }, json: { phone: p.e164, template: { name: 'order_confirmation', language: 'tr' }, values: ORDER_VALUES } });
    const b = await ts.api('/api/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': key },
      json: { values: { '3': ORDER_VALUES['3'], '2': ORDER_VALUES['2'], '1': ORDER_VALUES['1'] }, template: { language: 'tr', name: 'order_confirmation' }, phone: p.e164 },
    });
    expect(b.status).toBe(202);
    expect(((await b.json()) as { message: Message }).message.id).toBe(((await a.json()) as { message: Message }).message.id);
  });

  it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const key = newKey();
    expect((await sendTemplate(ts, p.e164, key)).status).toBe(202);
    const res = await sendTemplate(ts, p.e164, key, { values: { ...ORDER_VALUES, '3': '9.999 TL' } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per agent: another agent may use the same key for its own message', async () => {
    const p = trPhone();
    const q = trPhone();
    optIn(ts, p.e164);
    optIn(ts, q.e164);
    const key = newKey();
    const mine = (await (await sendTemplate(ts, p.e164, key)).json()) as { message: Message };
    const theirs = await sendTemplate(ts, q.e164, key, { token: ts.adminToken });
    expect(theirs.status).toBe(202);
    expect(((await theirs.json()) as { message: Message }).message.id).not.toBe(mine.message.id);
  });

  it('100 identical concurrent requests → one message, one Graph call, every answer the same id', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 100 }, () => sendTemplate(ts, p.e164, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(202));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { message: Message }).message.id)));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    await waitForStatus(ts, id!, 'read');
    const sent = (await sandboxSent(ts.url)).filter((s) => s.wa_id === p.waId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.biz_opaque_callback_data).toBe(id);
  });

  it('a refused request does not burn its key: after the opt-in is recorded the same key sends', async () => {
    const p = trPhone();
    const key = newKey();
    expect((await sendTemplate(ts, p.e164, key)).status).toBe(422);
    optIn(ts, p.e164);
    expect((await sendTemplate(ts, p.e164, key)).status).toBe(202);
  });
});

describe('POST /api/messages — bad input and access', () => {
  it.each([
    ['no body fields', {}],
    ['both a template and text', { phone: '+905321112233', text: 'hi', template: { name: 'x', language: 'tr' } }],
    ['a template without language', { phone: '+905321112233', template: { name: 'order_confirmation' } }],
    ['empty text', { phone: '+905321112233', text: '   ' }],
  ])('refuses %s with 400 VALIDATION_FAILED and field details', async (_label, json) => {
    const res = await ts.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': newKey() }, json });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Array.isArray(error.details)).toBe(true);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await ts.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': newKey(), 'content-type': 'application/json' }, body: '{"phone":' });
    expect(res.status).toBe(400);
    ApiErrorBody.parse(await res.json());
  });

  it.each([
    ['no token', null],
    ['an unknown token', 'kpr_nope'],
  ])('refuses %s with 401 before anything else', async (_label, token) => {
    const res = await ts.api('/api/messages', { method: 'POST', token, headers: { 'Idempotency-Key': newKey() }, json: { phone: '+905321112233', text: 'hi' } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/messages/:id', () => {
  it('answers the message with its history', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const { message } = (await (await sendTemplate(ts, p.e164)).json()) as { message: Message };
    const got = await getMessage(ts, message.id);
    expect(got.id).toBe(message.id);
    expect(got.history[0]).toMatchObject({ status: 'queued' });
  });

  it('answers 404 for an unknown id and 401 without a token', async () => {
    const res = await ts.api('/api/messages/msg_nope');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
    expect((await ts.api('/api/messages/msg_nope', { token: null })).status).toBe(401);
  });
});

describe('the system sender', () => {
  it('cannot be used with a token: its agent row has no usable token hash', async () => {
    const row = ts.running.deps.db.prepare("SELECT token_hash, role FROM agents WHERE id = 'agt_system'").get() as { token_hash: string; role: string };
    expect(row.role).toBe('agent');
    expect(row.token_hash).toMatch(/^disabled:[0-9A-F]{64}$/);
  });
});

describe('after STOP', () => {
  it('the customer gets one confirmation, then no template or text goes out by any route', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    await customerWrites(ts, p.waId, 'Merhaba');
    // The customer writes DUR from WhatsApp; the sandbox delivers the signed inbound webhook.
    await fetch(`${ts.url}/sandbox/customers/${p.waId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'DUR' }) });
    const confirmation = await waitFor(async () => (await sandboxSent(ts.url)).find((s) => s.wa_id === p.waId && s.type === 'text'));
    expect(confirmation).toBeTruthy();

    const template = await sendTemplate(ts, p.e164);
    expect((await errorOf(template)).code).toBe('OPTED_OUT');
    const text = await sendText(ts, p.e164, 'Son bir şey…'); // the window is still open
    expect((await errorOf(text)).code).toBe('OPTED_OUT');
    // The system sender may only confirm the opt-out itself, not send anything else.
    const sneaky = await submitMessage(ts.running.deps, SYSTEM_ACTOR, newKey(), { phone: p.e164, template: { name: 'order_confirmation', language: 'tr' }, values: ORDER_VALUES });
    expect(sneaky.ok ? 'sent' : sneaky.error.code).toBe('OPTED_OUT');
    const plainText = await submitMessage(ts.running.deps, SYSTEM_ACTOR, newKey(), { phone: p.e164, text: 'hi' });
    expect(plainText.ok ? 'sent' : plainText.error.code).toBe('OPTED_OUT');
    expect((await sandboxSent(ts.url)).filter((s) => s.wa_id === p.waId)).toHaveLength(1);
  });
});

describe('submitMessage called directly', () => {
  it('refuses an actor that is not an active agent', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const r = await submitMessage(ts.running.deps, { id: 'agt_nobody', role: 'agent' }, newKey(), { phone: p.e164, template: { name: 'order_confirmation', language: 'tr' }, values: ORDER_VALUES });
    expect(r.ok ? 'sent' : r.error.code).toBe('FORBIDDEN');
  });
});

describe('per-agent send rate', () => {
  let slow: TestServer;
  beforeAll(async () => {
    slow = await startTestServer({ KOPRU_SENDS_PER_MINUTE: '2' });
  });
  afterAll(() => slow?.close());

  it('refuses an agent over config.sendsPerMinute with RATE_LIMITED (scope agent) and Retry-After', async () => {
    const [a, b] = [trPhone(), trPhone()];
    recordConsent(slow.running.deps, { phone: a.e164, action: 'opt_in', method: 'paper_form' });
    recordConsent(slow.running.deps, { phone: b.e164, action: 'opt_in', method: 'paper_form' });
    expect((await sendTemplate(slow, a.e164)).status).toBe(202);
    const res = await sendTemplate(slow, b.e164);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(res)).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'agent' } });
    // Another agent is not slowed down by this one.
    expect((await sendTemplate(slow, b.e164, newKey(), { token: slow.adminToken })).status).toBe(202);
  });
});
