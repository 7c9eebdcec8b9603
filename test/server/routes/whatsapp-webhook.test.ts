/**
 * `GET/POST /webhooks/whatsapp` over real HTTP: the verification handshake, signatures over the raw
 * bytes, at-least-once and out-of-order status delivery, inbound messages, user preferences and
 * template events. Status payloads are built and signed here, like Meta's, while the sandbox's own
 * webhooks are paused so only ours arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentState } from '../../../server/core/consent-ledger';
import { getTemplate } from '../../../server/db/templates-repo';
import { signMetaBody } from '../../../server/whatsapp/signature';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import type { LiveEvent } from '../../../shared/schemas/live-event';
import type { Message } from '../../../shared/schemas/message';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import {
  APP_SECRET,
  envelope,
  getMessage,
  metaStatus,
  optIn,
  postWebhook,
  sandboxSettings,
  sendTemplate,
  shuffled,
  statusesPayload,
  trPhone,
} from '../messaging/helpers';

let ts: TestServer;
const events: LiveEvent[] = [];
beforeAll(async () => {
  ts = await startTestServer();
  ts.running.deps.events.subscribe({ agentId: 'test', isAdmin: true, send: (e) => events.push(e) });
});
afterAll(() => ts?.close());

/** Sends a template with the sandbox's webhooks paused, so the test alone decides what Meta "says". */
async function acceptedMessage(): Promise<{ id: string; wamid: string; waId: string }> {
  await sandboxSettings(ts, { webhooksPaused: true });
  const p = trPhone();
  optIn(ts, p.e164);
  const res = await sendTemplate(ts, p.e164);
  const { message } = (await res.json()) as { message: Message };
  expect(message.status).toBe('accepted');
  return { id: message.id, wamid: message.wamid!, waId: p.waId };
}

const historyRows = (id: string) =>
  ts.running.deps.db.prepare('SELECT status FROM message_events WHERE message_id = ? ORDER BY at').pluck().all(id) as string[];

describe('GET /webhooks/whatsapp (verification handshake)', () => {
  it('echoes hub.challenge when the verify token matches', async () => {
    const res = await fetch(`${ts.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=sandbox-verify-token&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it.each([
    ['a wrong token', 'hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1'],
    ['no token', 'hub.mode=subscribe&hub.challenge=1'],
    ['another mode', 'hub.mode=unsubscribe&hub.verify_token=sandbox-verify-token&hub.challenge=1'],
  ])('answers 403 for %s', async (_label, query) => {
    const res = await fetch(`${ts.url}/webhooks/whatsapp?${query}`);
    expect(res.status).toBe(403);
  });
});

describe('POST /webhooks/whatsapp — signatures', () => {
  it.each([
    ['a signature over another body', (body: string) => signMetaBody(body.replace('delivered', 'read'), APP_SECRET)],
    ['a signature with another secret', (body: string) => signMetaBody(body, 'not-the-app-secret')],
    ['no signature', () => null],
    ['a malformed header', () => 'sha256=zz'],
  ])('refuses %s with 401 and changes nothing', async (_label, sign) => {
    const m = await acceptedMessage();
    const body = JSON.stringify(statusesPayload([metaStatus(m, 'delivered')]));
    const before = historyRows(m.id);
    const res = await postWebhook(ts, null, { raw: body, signature: sign(body) });
    expect(res.status).toBe(401);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await getMessage(ts, m.id)).status).toBe('accepted');
    expect(historyRows(m.id)).toEqual(before);
  });

  it('checks the raw bytes: Meta-style \\u escapes verify although re-serialised JSON would differ', async () => {
    const m = await acceptedMessage();
    const json = JSON.stringify(statusesPayload([metaStatus(m, 'delivered', { note: 'teslim edildi — çok güzel' })]));
    const escaped = json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(escaped).not.toBe(json);
    const res = await postWebhook(ts, null, { raw: escaped });
    expect(res.status).toBe(200);
    expect((await getMessage(ts, m.id)).status).toBe('delivered');
  });

  it('refuses a body over 3 MB with 413', async () => {
    const big = JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(3 * 1024 * 1024) });
    const res = await postWebhook(ts, null, { raw: big });
    expect(res.status).toBe(413);
  });

  it.each([
    ['not JSON', 'this is not json', 400],
    ['JSON that is not a webhook', '{"hello":"world"}', 400],
  ])('answers a signed body that is %s with a 4xx and the error envelope', async (_label, raw, status) => {
    const res = await postWebhook(ts, null, { raw });
    expect(res.status).toBe(status);
    ApiErrorBody.parse(await res.json());
  });
});

describe('POST /webhooks/whatsapp — statuses', () => {
  it('the same batch three times, shuffled → the right final status and one history row per status', async () => {
    const msgs = [await acceptedMessage(), await acceptedMessage(), await acceptedMessage()];
    const [a, b, c] = msgs as [(typeof msgs)[0], (typeof msgs)[0], (typeof msgs)[0]];
    const statuses = [
      metaStatus(a, 'sent'), metaStatus(a, 'delivered'), metaStatus(a, 'read'),
      metaStatus(b, 'sent'), metaStatus(b, 'delivered'),
      metaStatus(c, 'sent'),
      metaStatus(c, 'failed', { errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }] }),
    ];
    const all = [...statuses, ...statuses, ...statuses];
    let seed = 7;
    for (const batch of [shuffled(all, seed++).slice(0, 10), shuffled(all, seed++).slice(10)]) {
      // One status per request, in a random order, then the rest as one batched request.
      for (const s of batch.slice(0, 5)) expect((await postWebhook(ts, statusesPayload([s]))).status).toBe(200);
      expect((await postWebhook(ts, statusesPayload(batch.slice(5)))).status).toBe(200);
    }
    // Deliver the whole lot once more to be sure every status arrived at least once.
    expect((await postWebhook(ts, statusesPayload(shuffled(statuses, 99)))).status).toBe(200);

    const [ma, mb, mc] = [await getMessage(ts, a.id), await getMessage(ts, b.id), await getMessage(ts, c.id)];
    expect(ma.status).toBe('read');
    expect(mb.status).toBe('delivered');
    expect(mc.status).toBe('failed');
    expect(mc).toMatchObject({ errorCode: 131026, errorReason: expect.stringContaining('could not be delivered') });
    for (const m of [ma, mb, mc]) {
      const rows = historyRows(m.id);
      expect(new Set(rows).size).toBe(rows.length);
    }
  });

  it('late events change nothing: delivered after read, failed after delivered', async () => {
    const m = await acceptedMessage();
    await postWebhook(ts, statusesPayload([metaStatus(m, 'read')]));
    await postWebhook(ts, statusesPayload([metaStatus(m, 'delivered'), metaStatus(m, 'sent')]));
    await postWebhook(ts, statusesPayload([metaStatus(m, 'failed', { errors: [{ code: 131000 }] })]));
    const got = await getMessage(ts, m.id);
    expect(got).toMatchObject({ status: 'read', errorCode: null });
    expect(got.history.map((h) => h.status)).toEqual(['queued', 'sending', 'accepted', 'read']);
  });

  it('allows failed after sent, keeping Meta\'s code and a readable reason', async () => {
    const m = await acceptedMessage();
    await postWebhook(ts, statusesPayload([metaStatus(m, 'sent')]));
    await postWebhook(ts, statusesPayload([metaStatus(m, 'failed', { errors: [{ code: 130472, title: 'User is part of an experiment' }] })]));
    expect(await getMessage(ts, m.id)).toMatchObject({ status: 'failed', errorCode: 130472, errorReason: expect.stringContaining('experiment') });
  });

  it('stores pricing and publishes one message.status event per change', async () => {
    const m = await acceptedMessage();
    const from = events.length;
    const pricing = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'utility' };
    await postWebhook(ts, statusesPayload([metaStatus(m, 'sent', { pricing }), metaStatus(m, 'sent', { pricing })]));
    expect((await getMessage(ts, m.id)).pricing).toEqual({ billable: false, type: 'free_customer_service', category: 'utility' });
    const mine = events.slice(from).filter((e) => e.type === 'message.status' && e.messageId === m.id);
    expect(mine).toEqual([expect.objectContaining({ status: 'sent', phone: `+${m.waId}` })]);
  });

  it('matches by our id (biz_opaque_callback_data) when the wamid is unknown to us, and ignores strangers', async () => {
    const m = await acceptedMessage();
    // Simulate a send whose Graph response never arrived: forget the wamid.
    ts.running.deps.db.prepare("UPDATE messages SET wamid = NULL, status = 'sending' WHERE id = ?").run(m.id);
    const res = await postWebhook(ts, statusesPayload([metaStatus(m, 'delivered'), { id: 'wamid.someone-else', status: 'read', timestamp: '1700000000' }]));
    expect(res.status).toBe(200);
    expect(await getMessage(ts, m.id)).toMatchObject({ status: 'delivered', wamid: m.wamid });
  });
});

describe('POST /webhooks/whatsapp — the sandbox delivering twice and out of order', () => {
  it('every message ends read with one history row per status', async () => {
    await sandboxSettings(ts, { webhooksPaused: false, duplicates: true, shuffle: true, shuffleWindowMs: 150 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const p = trPhone();
        optIn(ts, p.e164);
        ids.push(((await (await sendTemplate(ts, p.e164)).json()) as { message: Message }).message.id);
      }
      for (const id of ids) {
        const m = await waitFor(async () => {
          const got = await getMessage(ts, id);
          return got.status === 'read' ? got : null;
        }, 10_000);
        expect(m.history.map((h) => h.status)).toEqual(expect.arrayContaining(['queued', 'accepted', 'read']));
        const rows = historyRows(id);
        expect(new Set(rows).size).toBe(rows.length);
      }
      const deliveries = (await (await fetch(`${ts.url}/sandbox/control/webhooks?limit=1000`)).json()) as { deliveries: Array<{ duplicateOf?: number }> };
      expect(deliveries.deliveries.some((d) => d.duplicateOf !== undefined)).toBe(true);
    } finally {
      await sandboxSettings(ts, { duplicates: false, shuffle: false });
    }
  });
});

describe('POST /webhooks/whatsapp — inbound, preferences, templates', () => {
  it('an inbound message opens the 24 h window (handed to the consent side)', async () => {
    await sandboxSettings(ts, { webhooksPaused: false });
    const p = trPhone();
    const inbound = envelope([
      {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '908505551234', phone_number_id: '100000000000001' },
          contacts: [{ profile: { name: 'Ayşe Yılmaz' }, wa_id: p.waId }],
          messages: [{ from: p.waId, id: `wamid.in-${p.waId}`, timestamp: String(Math.floor(ts.running.deps.clock.now() / 1000)), type: 'text', text: { body: 'Merhaba' } }],
        },
      },
    ]);
    expect((await postWebhook(ts, inbound)).status).toBe(200);
    const contact = (await (await ts.api(`/api/contacts/${encodeURIComponent(p.e164)}`)).json()) as { contact: { window: { open: boolean }; name: string } };
    expect(contact.contact.window.open).toBe(true);
    expect(contact.contact.name).toBe('Ayşe Yılmaz');
  });

  it('a user_preferences stop is recorded as a marketing opt-out (utility consent unaffected)', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const prefs = envelope([{ field: 'user_preferences', value: { messaging_product: 'whatsapp', user_preferences: [{ wa_id: p.waId, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: 1731705721 }] } }]);
    expect((await postWebhook(ts, prefs)).status).toBe(200);
    const state = consentState(ts.running.deps.db, p.e164);
    expect(state.history[0]).toMatchObject({ method: 'meta_preferences', action: 'opt_out', topics: ['marketing'] });
    expect(state.status).toBe('opted_in');
  });

  it('a PAUSED template event takes the template out of the list and the gate says TEMPLATE_NOT_USABLE; REINSTATED brings it back', async () => {
    const stored = getTemplate(ts.running.deps.db, 'payment_reminder', 'tr')!;
    const statusEvent = (event: string, other?: Record<string, string>) =>
      envelope([{ field: 'message_template_status_update', value: { event, message_template_id: Number(stored.template.id), message_template_name: 'payment_reminder', message_template_language: 'tr', reason: null, ...(other ? { other_info: other } : {}) } }]);
    const from = events.length;
    expect((await postWebhook(ts, statusEvent('PAUSED', { title: 'FIRST_PAUSE', description: 'Paused for 3 hours' }))).status).toBe(200);
    const paused = getTemplate(ts.running.deps.db, 'payment_reminder', 'tr')!;
    expect(paused.template.status).toBe('PAUSED');
    expect(paused.pausedUntil! - ts.running.deps.clock.now()).toBeGreaterThan(2.9 * 3600_000);
    expect(events.slice(from)).toContainEqual(expect.objectContaining({ type: 'template.changed', name: 'payment_reminder', status: 'PAUSED' }));

    const list = (await (await ts.api('/api/templates')).json()) as { templates: Array<{ name: string; language: string }> };
    expect(list.templates.some((t) => t.name === 'payment_reminder' && t.language === 'tr')).toBe(false);
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendTemplate(ts, p.e164, undefined, { name: 'payment_reminder', values: { '1': 'Ayşe', '2': '10 TL', '3': 'F-1', '4': '20 Mayıs' } });
    expect(ApiErrorBody.parse(await res.json()).error).toMatchObject({ code: 'TEMPLATE_NOT_USABLE', details: { reason: 'PAUSED' } });

    await postWebhook(ts, statusEvent('REINSTATED'));
    expect(getTemplate(ts.running.deps.db, 'payment_reminder', 'tr')!.template.status).toBe('APPROVED');
    const again = await sendTemplate(ts, p.e164, undefined, { name: 'payment_reminder', values: { '1': 'Ayşe', '2': '10 TL', '3': 'F-1', '4': '20 Mayıs' } });
    expect(again.status).toBe(202);
  });

  it('a completed category change to MARKETING makes a utility template unusable; an impending one only warns', async () => {
    const stored = getTemplate(ts.running.deps.db, 'feedback_survey', 'tr')!;
    const ref = { message_template_id: Number(stored.template.id), message_template_name: 'feedback_survey', message_template_language: 'tr' };
    await postWebhook(ts, envelope([{ field: 'template_category_update', value: { ...ref, new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: 1750000000 } }]));
    let now = getTemplate(ts.running.deps.db, 'feedback_survey', 'tr')!.template;
    expect(now).toMatchObject({ category: 'UTILITY', correct_category: 'MARKETING' });
    await postWebhook(ts, envelope([{ field: 'template_category_update', value: { ...ref, previous_category: 'UTILITY', new_category: 'MARKETING' } }]));
    now = getTemplate(ts.running.deps.db, 'feedback_survey', 'tr')!.template;
    expect(now.category).toBe('MARKETING');
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendTemplate(ts, p.e164, undefined, { name: 'feedback_survey', values: { '1': 'Mehmet', '2': '#1' } });
    expect(ApiErrorBody.parse(await res.json()).error).toMatchObject({ code: 'TEMPLATE_NOT_USABLE', details: { reason: 'NOT_UTILITY' } });
  });

  it('a quality update is stored on the template', async () => {
    const stored = getTemplate(ts.running.deps.db, 'shipping_update', 'tr')!;
    await postWebhook(ts, envelope([{ field: 'message_template_quality_update', value: { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', message_template_id: Number(stored.template.id), message_template_name: 'shipping_update', message_template_language: 'tr' } }]));
    expect(getTemplate(ts.running.deps.db, 'shipping_update', 'tr')!.template.quality_score?.score).toBe('YELLOW');
  });

  it('a template event for a template we have never seen triggers a background sync', async () => {
    // Forget one template, then let Meta mention it.
    const stored = getTemplate(ts.running.deps.db, 'appointment_reminder', 'en')!;
    ts.running.deps.db.prepare("DELETE FROM templates WHERE name = 'appointment_reminder' AND language = 'en'").run();
    const res = await postWebhook(ts, envelope([{ field: 'message_template_quality_update', value: { new_quality_score: 'GREEN', message_template_id: Number(stored.template.id), message_template_name: 'appointment_reminder', message_template_language: 'en' } }]));
    expect(res.status).toBe(200);
    await waitFor(() => getTemplate(ts.running.deps.db, 'appointment_reminder', 'en'));
  });

  it('ignores fields it does not use with 200 (Meta must not retry them for 7 days)', async () => {
    const res = await postWebhook(ts, envelope([{ field: 'phone_number_quality_update', value: { display_phone_number: '908505551234', event: 'THROUGHPUT_UPGRADE', current_limit: 'TIER_10K' } }]));
    expect(res.status).toBe(200);
  });
});
