/**
 * Property-based fuzzing of what gets PAST the signature check: arbitrary webhook payloads signed
 * with the app secret (as if Meta — or anyone holding the secret — sent them). Statuses for real
 * and unknown messages with any status, timestamp, pricing and error; inbound messages of every
 * type with keywords, codes, nasty text and odd senders; marketing preferences; template events
 * for real and unknown templates; unknown fields; and shapes that are not webhooks at all.
 *
 * For every payload: 200 or a 4xx envelope, never a 5xx, nothing logged as an error (a handler
 * that throws is a bug even when the route catches it). Afterwards: the consent hash chain still
 * verifies, and everything the fuzz wrote reads back through the API in the shared schemas.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { SANDBOX } from '../../../server/env';
import { signMetaBody } from '../../../server/whatsapp/signature';
import { Contact } from '../../../shared/schemas/contact';
import { Message } from '../../../shared/schemas/message';
import { checkErrorEnvelope } from '../../helpers/error-envelope';
import { createLeakWatch } from '../../helpers/leak-watch';
import { startTestServer } from '../../helpers/test-server';
import { mutatedBody, nastyString, nastyValue } from './fuzz-arbitraries';

const RUNS = 600;

const s = await startTestServer({ KOPRU_SENDS_PER_MINUTE: '100000' });
afterAll(() => s.close());
const watch = createLeakWatch([SANDBOX.accessToken, SANDBOX.appSecret, SANDBOX.verifyToken]);
// Only the fuzz decides what Meta says from here on.
await fetch(`${s.url}/sandbox/control/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhooksPaused: true }) });

const CUSTOMERS = Array.from({ length: 8 }, (_, i) => `9053344${String(i).padStart(3, '0')}55`);
for (const waId of CUSTOMERS) recordConsent(s.running.deps, { phone: `+${waId}`, action: 'opt_in', method: 'paper_form' });
const sent: Array<{ id: string; wamid: string }> = [];
for (const [i, waId] of CUSTOMERS.entries()) {
  const res = await s.api('/api/messages', {
    method: 'POST',
    headers: { 'Idempotency-Key': `fuzz-webhook-${i}` },
    json: { phone: `+${waId}`, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'A', '2': 'B', '3': 'C' } },
  });
  const { message } = (await res.json()) as { message: { id: string; wamid: string } };
  sent.push({ id: message.id, wamid: message.wamid });
}
const templateIds = (s.running.deps.db.prepare('SELECT id FROM templates LIMIT 5').pluck().all() as string[]).map(String);
const optinCode = ((await (await s.api('/api/optin-codes', { method: 'POST', json: {} })).json()) as { code: string }).code;

const or = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: nastyValue });
const nowSeconds = () => Math.floor(s.running.deps.clock.now() / 1000);
const timestamp = fc.oneof(
  fc.constant(null).map(() => String(nowSeconds())),
  fc.nat().map(String),
  fc.nat(),
  fc.constantFrom('0', '99999999999999999999', '1e10', '-1', '', '17000000000000'),
  nastyString,
);
const waId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CUSTOMERS) }, { weight: 1, arbitrary: fc.stringMatching(/^[1-9]\d{7,14}$/) }, { weight: 1, arbitrary: nastyString });
const text = fc.oneof(
  fc.constantFrom('STOP', 'stop.', 'İPTAL', 'DUR', 'BAŞLA', 'START', 'UNSUBSCRIBE', 'Merhaba', `Onay kodum: ${optinCode}`, 'KOPRU-ZZZZZ', 'kopru 7f3kq'),
  nastyString,
);

const status = fc.record(
  {
    id: fc.oneof(fc.constantFrom(...sent.map((m) => m.wamid)), nastyString),
    status: fc.oneof(fc.constantFrom('sent', 'delivered', 'read', 'failed', 'played', 'deleted', 'warning'), nastyString),
    timestamp,
    recipient_id: waId,
    biz_opaque_callback_data: fc.oneof(fc.constantFrom(...sent.map((m) => m.id)), nastyString),
    pricing: or(fc.record({ billable: fc.boolean(), pricing_model: fc.constantFrom('PMP', 'CBP'), type: fc.oneof(fc.constantFrom('regular', 'free_customer_service'), nastyString), category: fc.oneof(fc.constantFrom('utility', 'marketing'), nastyString) }, { requiredKeys: [] })),
    errors: or(fc.array(fc.record({ code: fc.oneof(fc.constantFrom(131026, 131049, 130472, '131000', 'x'), fc.integer()), title: nastyString, message: nastyString, error_data: or(fc.record({ details: nastyString })) }, { requiredKeys: [] }), { maxLength: 2 })),
  },
  { requiredKeys: ['id', 'status', 'timestamp'] },
);

const inbound = fc.record(
  {
    from: waId,
    id: fc.oneof(fc.uuid().map((u) => `wamid.${u}`), fc.constantFrom('wamid.repeat-1', 'wamid.repeat-2'), nastyString),
    timestamp,
    type: fc.oneof(fc.constantFrom('text', 'button', 'interactive', 'image', 'reaction', 'unsupported'), nastyString),
    text: or(fc.record({ body: text })),
    button: or(fc.record({ payload: text, text }, { requiredKeys: [] })),
    interactive: or(fc.record({ type: fc.constantFrom('button_reply', 'list_reply'), button_reply: fc.record({ id: text, title: text }, { requiredKeys: [] }), list_reply: fc.record({ id: text, title: text }, { requiredKeys: [] }) }, { requiredKeys: [] })),
    context: or(fc.record({ from: waId, id: fc.oneof(fc.constantFrom(...sent.map((m) => m.wamid)), nastyString) }, { requiredKeys: [] })),
  },
  { requiredKeys: ['from', 'id', 'timestamp', 'type'] },
);

const preference = fc.record(
  { wa_id: waId, value: fc.oneof(fc.constantFrom('stop', 'resume'), nastyString), category: fc.constant('marketing_messages'), detail: nastyString, timestamp },
  { requiredKeys: ['wa_id', 'value'] },
);

const templateEvent = fc.record(
  {
    message_template_id: fc.oneof(fc.constantFrom(...templateIds), fc.nat().map(String), fc.nat(), nastyString),
    message_template_name: fc.oneof(fc.constantFrom('order_confirmation', 'whatsapp_handoff'), nastyString),
    message_template_language: fc.oneof(fc.constantFrom('tr', 'en'), nastyString),
    event: fc.oneof(fc.constantFrom('APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'REINSTATED', 'FLAGGED', 'PENDING_DELETION', 'ARCHIVED'), nastyString),
    reason: fc.option(nastyString),
    message_template_category: fc.oneof(fc.constantFrom('UTILITY', 'MARKETING', 'AUTHENTICATION'), nastyString),
    other_info: or(fc.record({ title: fc.oneof(fc.constantFrom('FIRST_PAUSE', 'SECOND_PAUSE', 'UNPAUSE'), nastyString), description: nastyString }, { requiredKeys: [] })),
    new_quality_score: fc.oneof(fc.constantFrom('GREEN', 'YELLOW', 'RED', 'UNKNOWN'), nastyString),
    new_category: fc.oneof(fc.constantFrom('UTILITY', 'MARKETING'), nastyString),
    previous_category: fc.oneof(fc.constantFrom('UTILITY', 'MARKETING'), nastyString),
    correct_category: fc.oneof(fc.constantFrom('UTILITY', 'MARKETING'), nastyString),
  },
  { requiredKeys: ['message_template_id'] },
);

const contacts = fc.array(or(fc.record({ wa_id: waId, profile: or(fc.record({ name: nastyString })) }, { requiredKeys: [] })), { maxLength: 2 });
const metadata = fc.constant({ display_phone_number: SANDBOX.businessNumber, phone_number_id: SANDBOX.phoneNumberId });

const change = fc.oneof(
  { weight: 4, arbitrary: fc.record({ field: fc.constant('messages'), value: or(fc.record({ messaging_product: fc.constant('whatsapp'), metadata, contacts, messages: fc.array(or(inbound), { maxLength: 3 }), statuses: fc.array(or(status), { maxLength: 4 }) }, { requiredKeys: [] })) }) },
  { weight: 1, arbitrary: fc.record({ field: fc.constant('user_preferences'), value: or(fc.record({ messaging_product: fc.constant('whatsapp'), metadata, contacts, user_preferences: fc.array(or(preference), { maxLength: 2 }) })) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      field: fc.constantFrom('message_template_status_update', 'template_category_update', 'message_template_quality_update', 'message_template_components_update'),
      value: or(templateEvent),
    }),
  },
  { weight: 1, arbitrary: fc.record({ field: nastyString, value: nastyValue }) },
);

const envelope = fc.record({
  object: fc.oneof({ weight: 5, arbitrary: fc.constant('whatsapp_business_account') }, { weight: 1, arbitrary: nastyString }),
  entry: fc.array(fc.record({ id: fc.oneof(fc.constant(SANDBOX.wabaId), nastyString), time: fc.oneof(fc.nat(), fc.double()), changes: fc.array(change, { maxLength: 3 }) }, { requiredKeys: ['changes'] }), { maxLength: 3 }),
});

const payload = fc.oneof(
  { weight: 8, arbitrary: envelope.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: mutatedBody(envelope).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: nastyValue.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
);

const signedPost = (body: string) =>
  watch.fetch(`${s.url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, SANDBOX.appSecret) },
    body,
  });

describe('found by the fuzz', () => {
  it('an absurd timestamp (Infinity once multiplied) makes that item invalid; the rest of the batch is applied, nothing throws', async () => {
    const [a, b] = ['905334499955', '905334499956'];
    const logsBefore = s.logs.length;
    const prefs = (timestamps: Array<string | number>, ids: string[]) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: SANDBOX.wabaId,
            changes: [
              {
                field: 'user_preferences',
                value: { messaging_product: 'whatsapp', user_preferences: ids.map((wa_id, i) => ({ wa_id, value: 'stop', category: 'marketing_messages', timestamp: timestamps[i] })) },
              },
            ],
          },
        ],
      });
    for (const huge of ['9'.repeat(400), 1e306]) {
      const res = await signedPost(prefs([huge, nowSeconds()], [a, b]));
      expect(res.status).toBe(200);
    }
    expect(s.logs.slice(logsBefore).filter((l) => /"level":"error"/.test(l))).toEqual([]);
    const methods = (phone: string) => s.running.deps.db.prepare('SELECT method FROM consents WHERE phone = ?').pluck().all(phone);
    expect(methods(`+${a}`)).toEqual([]);
    expect(methods(`+${b}`)).toEqual(['meta_preferences']);
  });
});

describe('signed webhooks with arbitrary content', () => {
  it('never a 5xx, always 200 or the 4xx envelope, nothing logged as an error', async () => {
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const logsBefore = s.logs.length;
        const res = await watch.fetch(`${s.url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, SANDBOX.appSecret) },
          body,
        });
        count += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status >= 500) throw new Error(`a ${res.status} for ${body.slice(0, 300)}`);
        if (res.status !== 200) {
          const check = checkErrorEnvelope(res.status, res.headers.get('content-type'), text);
          if (!check.ok) throw new Error(check.problem);
        }
        // (Work the payload started may log a little later; the final check below catches that too.)
        const errors = s.logs.slice(logsBefore).filter((l) => /"level":"error"/.test(l));
        if (errors.length) throw new Error(`logged as an error after ${body.slice(0, 300)}:\n${errors.join('\n').slice(0, 1500)}`);
      }),
      { numRuns: RUNS },
    );
    expect(count).toBe(RUNS);
    expect(s.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    // Most payloads were real webhooks that the server processed, not refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 2);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });

  it('afterwards the consent chain verifies and everything written reads back in the shared schemas', async () => {
    const verdict = (await (await s.api('/api/consents/verify', { token: s.adminToken })).json()) as { ok: boolean; count: number };
    expect(verdict.ok).toBe(true);
    expect(verdict.count).toBeGreaterThan(CUSTOMERS.length);
    for (const m of sent) {
      const res = await watch.fetch(`${s.url}/api/messages/${m.id}`, { headers: { authorization: `Bearer ${s.agentToken}` } });
      expect(res.status).toBe(200);
      Message.parse(((await res.json()) as { message: unknown }).message);
    }
    const phones = s.running.deps.db.prepare('SELECT phone FROM contacts').pluck().all() as string[];
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) {
      const res = await watch.fetch(`${s.url}/api/contacts/${encodeURIComponent(phone)}`, { headers: { authorization: `Bearer ${s.agentToken}` } });
      const text = await res.text();
      if (res.status === 200) Contact.parse((JSON.parse(text) as { contact: unknown }).contact);
      else expect(checkErrorEnvelope(res.status, res.headers.get('content-type'), text), `${phone}: ${text}`).toMatchObject({ ok: true, code: 'INVALID_PHONE' });
    }
    const templates = await watch.fetch(`${s.url}/api/templates?status=all`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(templates.status).toBe(200);
    for (const line of s.logs) watch.scan('log', line);
    expect(await watch.findings()).toEqual([]);
  });
});
