/**
 * The consent side end to end over real HTTP: the simulated customer writes in the sandbox, the
 * emulated Meta sends a signed webhook to our /webhooks/whatsapp, and the consent handler acts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../shared/schemas/consent';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, json, outboundTexts, phoneShows } from './http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type ConsentView = { status: string; topics: string[]; history: ConsentRecord[] };
const consentOf = async (waId: string) =>
  (await json<{ contact: { consent: ConsentView } }>(await s.api(`/api/contacts/%2B${waId}`))).contact.consent;
const optIn = async (waId: string) => {
  const res = await s.api('/api/consents', { method: 'POST', json: { phone: `+${waId}`, action: 'opt_in', method: 'web_form' } });
  expect(res.status).toBe(201);
};
let keys = 0;
const sendTemplate = (waId: string) =>
  s.api('/api/messages', {
    method: 'POST',
    headers: { 'Idempotency-Key': `consent-e2e-${++keys}-${waId}` },
    json: { phone: `+${waId}`, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' } },
  });
/** Confirmation texts on the customer's phone, once `count` have arrived. */
const confirmations = (waId: string, count: number) => waitFor(async () => {
  const texts = await outboundTexts(s, waId);
  return texts.length >= count ? texts : null;
});

describe('STOP and friends from WhatsApp', () => {
  it('STOP → opted out with the message as evidence, a confirmation, and the next template send is refused with OPTED_OUT', async () => {
    const waId = '905321110101';
    await optIn(waId);
    expect((await sendTemplate(waId)).status).toBe(202);

    const wamid = await customerSays(s, waId, { name: 'Ayşe', text: 'STOP' });
    const consent = await consentOf(waId);
    expect(consent.status).toBe('opted_out');
    expect(consent.history[0]).toMatchObject({
      action: 'opt_out',
      method: 'whatsapp_keyword',
      evidence: { inboundMessageId: wamid, text: 'STOP' },
    });
    const [confirmation] = await confirmations(waId, 1);
    expect(confirmation).toMatch(/unsubscribed.*START/s);

    const refused = await sendTemplate(waId);
    expect(refused.status).toBe(422);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('OPTED_OUT');
    // And nothing else reached the phone after the confirmation.
    const texts = await outboundTexts(s, waId);
    expect(texts).toEqual([confirmation]);
  });

  it.each([
    ['İptal', '905321110011'],
    ['iptal', '905321110012'],
    ['IPTAL', '905321110013'],
    ['dur.', '905321110014'],
  ])('%j opts out and is confirmed in Turkish', async (text, waId) => {
    await optIn(waId);
    await customerSays(s, waId, { text });
    expect((await consentOf(waId)).status).toBe('opted_out');
    const [confirmation] = await confirmations(waId, 1);
    expect(confirmation).toContain('BAŞLA');
  });

  it.each([
    ['Durum nedir?', '905321110021'],
    ['stop sending me the invoice', '905321110022'],
  ])('%j is a normal message: still opted in, nothing sent', async (text, waId) => {
    await optIn(waId);
    await customerSays(s, waId, { text });
    const consent = await consentOf(waId);
    expect(consent.status).toBe('opted_in');
    expect(consent.history).toHaveLength(1);
    expect(await outboundTexts(s, waId)).toEqual([]);
  });

  it('BAŞLA after DUR opts back in with evidence, and template sends work again', async () => {
    const waId = '905321110031';
    await optIn(waId);
    await customerSays(s, waId, { text: 'DUR' });
    await confirmations(waId, 1);
    const wamid = await customerSays(s, waId, { text: 'Başla' });
    const consent = await consentOf(waId);
    expect(consent.status).toBe('opted_in');
    expect(consent.history[0]).toMatchObject({ action: 'opt_in', method: 'whatsapp_keyword', evidence: { inboundMessageId: wamid, text: 'Başla' } });
    const texts = await confirmations(waId, 2);
    expect(texts[1]).toMatch(/^Teşekkürler! WhatsApp bildirimleriniz açıldı\./);
    expect((await sendTemplate(waId)).status).toBe(202);
  });

  it('a quick-reply "Stop" tap on a template opts out with method whatsapp_button', async () => {
    const waId = '905321110041';
    await optIn(waId);
    const sent = await sendTemplate(waId);
    expect(sent.status).toBe(202);
    const template = await waitFor(async () => (await phoneShows(s, waId)).find((m) => m.direction === 'outbound' && m.type === 'template'));
    const wamid = await customerSays(s, waId, { button: { payload: 'STOP', text: 'Durdur' }, context: { id: template.id } });
    const consent = await consentOf(waId);
    expect(consent.status).toBe('opted_out');
    expect(consent.history[0]).toMatchObject({
      method: 'whatsapp_button',
      evidence: { inboundMessageId: wamid, payload: 'STOP', text: 'Durdur', contextWamid: template.id },
    });
  });
});

describe('replayed webhooks', () => {
  it('the same inbound webhook delivered twice (and replayed by hand) records one opt-out and sends one confirmation', async () => {
    const waId = '905321110051';
    await optIn(waId);
    const settings = (body: unknown) => fetch(`${s.url}/sandbox/control/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await settings({ duplicates: true })).status).toBe(200);
    let wamid: string;
    try {
      wamid = await customerSays(s, waId, { text: 'STOP' });
      // Both copies have been delivered (the sandbox records every attempt).
      await waitFor(async () => {
        const { deliveries } = await json<{ deliveries: Array<{ body: string; state: string }> }>(await fetch(`${s.url}/sandbox/control/webhooks?limit=500`));
        return deliveries.filter((d) => d.body.includes(wamid) && d.state === 'delivered').length === 2;
      });
    } finally {
      await settings({ duplicates: false });
    }
    await confirmations(waId, 1);

    // Replay the exact signed bytes once more, as Meta's retries would.
    const { deliveries } = await json<{ deliveries: Array<{ body: string; signature: string }> }>(await fetch(`${s.url}/sandbox/control/webhooks?limit=500`));
    const original = deliveries.find((d) => d.body.includes(wamid))!;
    const replay = await fetch(`${s.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': original.signature },
      body: original.body,
    });
    expect(replay.status).toBe(200);

    const consent = await consentOf(waId);
    expect(consent.history.filter((r) => r.action === 'opt_out')).toHaveLength(1);
    const rows = s.running.deps.db.prepare("SELECT idempotency_key FROM messages WHERE phone = ? AND agent_id = 'agt_system'").pluck().all(`+${waId}`);
    expect(rows).toEqual([`optout-confirm:${wamid}`]);
    expect(await outboundTexts(s, waId)).toHaveLength(1);
  });
});

describe('codes sent from the customer’s phone', () => {
  it('a QR opt-in code → opted_in by qr_code with evidence, confirmation on the phone', async () => {
    const waId = '905321110061';
    const created = await json<{ code: string; waMeLink: string }>(await s.api('/api/optin-codes', { method: 'POST', json: { language: 'tr' } }));
    const text = new URL(created.waMeLink).searchParams.get('text')!;
    const wamid = await customerSays(s, waId, { text });
    const consent = await consentOf(waId);
    expect(consent.status).toBe('opted_in');
    expect(consent.history[0]).toMatchObject({ method: 'qr_code', evidence: { inboundMessageId: wamid, text, code: created.code } });
    const [confirmation] = await confirmations(waId, 1);
    expect(confirmation).toMatch(/^Teşekkürler! WhatsApp bildirimleriniz açıldı\.\n\nKöprü Demo Mağazası tarafından/);
  });

  it('a hand-off code links the hand-off to the WhatsApp number', async () => {
    const waId = '905321110071';
    const res = await s.api('/api/handoffs', { method: 'POST', json: { channel: 'chat', ticket: { system: 'intercom', id: 'conv-77' } } });
    const { handoff } = await json<{ handoff: { id: string; code: string } }>(res);
    await customerSays(s, waId, { text: `Merhaba, kodum ${handoff.code}` });
    const linked = await json<{ handoff: { status: string; linkedWaId: string } }>(await s.api(`/api/handoffs/${handoff.id}`));
    expect(linked.handoff).toMatchObject({ status: 'linked', linkedWaId: waId });
  });
});

describe("Meta's marketing preference", () => {
  it('a "stop marketing" from the WhatsApp app is recorded for marketing only; utility consent stays', async () => {
    const waId = '905321110081';
    await optIn(waId);
    const res = await fetch(`${s.url}/sandbox/customers/${waId}/preferences`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 'stop' }) });
    expect(res.status).toBe(200);
    const consent = await waitFor(async () => {
      const c = await consentOf(waId);
      return c.history.length === 2 ? c : null;
    });
    expect(consent.status).toBe('opted_in');
    expect(consent.history[0]).toMatchObject({ action: 'opt_out', method: 'meta_preferences', topics: ['marketing'] });
    expect((await sendTemplate(waId)).status).toBe(202);
  });
});
