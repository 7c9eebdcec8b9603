/**
 * After a customer writes STOP, nothing the business starts reaches them any more — by any route:
 * a template, a free-form reply (their STOP just opened the 24 h window), a hand-off, an opt-in
 * code, the retry of a request, and the messages that were already queued when the STOP came
 * (held back by a Meta outage). The one message allowed is the opt-out confirmation.
 *
 * Runs Köprü in live configuration against "Meta" (a separate sandbox behind a recording front),
 * so every Graph call is counted — also the ones Meta refused — not only what Meta accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import type { Message } from '../../../shared/schemas/message';
import { startLiveLikeServer, type LiveLikeServer } from '../../helpers/live-like-server';
import { waitFor } from '../../helpers/test-server';
import {
  acceptedBy,
  advanceUntil,
  customer,
  customerWrites,
  getMessage,
  graphErrorResponse,
  messageOf,
  newKey,
  pendingFor,
  sendTemplate,
  sendText,
} from './steps';

let s: LiveLikeServer;
beforeAll(async () => {
  s = await startLiveLikeServer();
});
afterAll(() => s?.close());

const codeOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error.code;

describe('after STOP', () => {
  it('no business-initiated message leaves by any route; only the opt-out confirmation does', async () => {
    const c = customer();
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });

    // Meta is down for this customer: everything the business starts now waits in the outbox.
    s.graph.intercept = (call) => (call.to === c.waId ? graphErrorResponse(131016, { httpStatus: 503, title: 'Service unavailable' }) : undefined);

    // Queued before the STOP: a template, a hand-off template, a free-form reply, an opt-in confirmation.
    const templateKey = newKey();
    const template = await messageOf(await sendTemplate(s, c.e164, templateKey));
    expect(template).toMatchObject({ status: 'queued', errorCode: 131016 });
    const handoffRes = await s.api('/api/handoffs', {
      method: 'POST',
      json: { phone: c.e164, channel: 'email', ticket: { system: 'zendesk', id: '48213' }, customerName: 'Ayşe' },
    });
    expect(handoffRes.status).toBe(201);
    const handoff = (await handoffRes.json()) as { handoff: { messageId: string | null }; templateSkipped: unknown };
    expect(handoff.templateSkipped).toBeNull();
    await customerWrites(s, c.waId, 'Merhaba, kargom nerede?');
    const reply = await messageOf(await sendText(s, c.e164, 'Kargonuz yarın teslim edilecek.'));
    expect(reply.status).toBe('queued');
    const optin = (await (await s.api('/api/optin-codes', { method: 'POST', json: { phone: c.e164 } })).json()) as { code: string };
    await customerWrites(s, c.waId, `Onay kodum: ${optin.code}`);
    // Automatic confirmations do not wait for their first attempt: let it fail (Meta is down) first.
    await waitFor(() => s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE phone = ? AND status = 'sending'").pluck().get(c.e164) === 0);
    const queuedBefore = s.running.deps.db
      .prepare("SELECT id, purpose FROM messages WHERE phone = ? AND status = 'queued'")
      .all(c.e164) as Array<{ id: string; purpose: string | null }>;
    expect(queuedBefore.map((m) => m.purpose).sort()).toEqual(['handoff', 'optin_confirmation', null, null].sort());

    // The customer writes STOP.
    const stopWamid = await customerWrites(s, c.waId, 'STOP');
    await waitFor(() => s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE phone = ? AND status = 'sending'").pluck().get(c.e164) === 0);
    const contact = (await (await s.api(`/api/contacts/${encodeURIComponent(c.e164)}`)).json()) as { contact: { consent: { status: string }; window: { open: boolean } } };
    expect(contact.contact.consent.status).toBe('opted_out');
    expect(contact.contact.window.open).toBe(true);
    const confirmation = s.running.deps.db
      .prepare("SELECT id FROM messages WHERE phone = ? AND purpose = 'optout_confirmation'")
      .pluck()
      .all(c.e164) as string[];
    expect(confirmation).toHaveLength(1);
    const callsAtStop = s.graph.calls.length;

    // Every route an agent has, after the STOP.
    const refusals = {
      template: await sendTemplate(s, c.e164),
      templateAsAdmin: await sendTemplate(s, c.e164, newKey(), s.adminToken),
      otherTemplate: await s.api('/api/messages', {
        method: 'POST',
        headers: { 'Idempotency-Key': newKey() },
        json: { phone: c.e164, template: { name: 'payment_reminder', language: 'tr' }, values: { '1': 'Ayşe', '2': '10 TL', '3': 'F-1', '4': '20 Mayıs' } },
      }),
      freeFormInsideWindow: await sendText(s, c.e164, 'Bir sorunuz olursa yazabilirsiniz.'),
      nationalFormat: await sendText(s, c.e164, 'Merhaba', newKey()).then(() => sendTemplate(s, `0${c.e164.slice(3)}`)),
    };
    for (const [route, res] of Object.entries(refusals)) {
      expect(res.status, route).toBe(422);
      expect(await codeOf(res), route).toBe('OPTED_OUT');
    }
    // The retry of a request sent before the STOP answers the same message — it does not send it.
    const replay = await sendTemplate(s, c.e164, templateKey);
    expect(replay.status).toBe(202);
    expect((await messageOf(replay)).id).toBe(template.id);
    // A hand-off falls back to the link/QR; an opt-in code is only shown to the agent.
    const handoffAfter = await s.api('/api/handoffs', { method: 'POST', json: { phone: c.e164, channel: 'chat', ticket: { system: 'zendesk', id: '48214' } } });
    expect(handoffAfter.status).toBe(201);
    expect(await handoffAfter.json()).toMatchObject({ handoff: { messageId: null, status: 'awaiting_customer' }, templateSkipped: { code: 'OPTED_OUT' } });
    expect((await s.api('/api/optin-codes', { method: 'POST', json: { phone: c.e164 } })).status).toBe(201);
    // Meta's webhook for the STOP delivered again (at-least-once) changes nothing.
    expect(s.running.deps.db.prepare('SELECT COUNT(*) FROM inbound_messages WHERE wamid = ?').pluck().get(stopWamid)).toBe(1);

    // Meta recovers. Everything due is retried until nothing for this customer is left waiting.
    s.graph.intercept = null;
    await advanceUntil(s, () => pendingFor(s, c.e164) === 0);

    // What reached Meta after the STOP: attempts for the confirmation only, and it was accepted once.
    const after = s.graph.sends(c.waId).filter((_, i, all) => s.graph.calls.indexOf(all[i]!) >= callsAtStop);
    expect(after.map((call) => call.biz)).toEqual(after.map(() => confirmation[0]));
    const accepted = await acceptedBy(s, c.waId);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ type: 'text', biz_opaque_callback_data: confirmation[0] });
    expect(accepted[0]!.text).toMatch(/durdurduk|unsubscribed/i);

    // The agent sees why each held-back message never went out.
    for (const { id } of queuedBefore) {
      const m: Message = await getMessage(s, id);
      expect(m.status, `${id}`).toBe('failed');
      expect(m.errorReason, `${id}`).toMatch(/opted out/i);
    }
  });
});

describe('a topic turned off while a message waits', () => {
  it('fails the waiting message of that topic and still sends the others', async () => {
    const c = customer();
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
    s.graph.intercept = (call) => (call.to === c.waId ? graphErrorResponse(131016, { httpStatus: 503, title: 'Service unavailable' }) : undefined);
    const order = await messageOf(await sendTemplate(s, c.e164));
    const payment = await messageOf(
      await s.api('/api/messages', {
        method: 'POST',
        headers: { 'Idempotency-Key': newKey() },
        json: { phone: c.e164, template: { name: 'payment_reminder', language: 'tr' }, values: { '1': 'Ayşe', '2': '10 TL', '3': 'F-1', '4': '20 Mayıs' } },
      }),
    );
    expect([order.status, payment.status]).toEqual(['queued', 'queued']);

    // In the preference centre the customer turns order updates off.
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_out', method: 'preference_center', topics: ['order_updates'] });
    s.graph.intercept = null;
    await advanceUntil(s, () => pendingFor(s, c.e164) === 0);

    expect(await getMessage(s, order.id)).toMatchObject({ status: 'failed', errorReason: expect.stringMatching(/topic/i) });
    expect((await getMessage(s, payment.id)).status).not.toBe('failed');
    const accepted = await acceptedBy(s, c.waId);
    expect(accepted.map((m) => m.biz_opaque_callback_data)).toEqual([payment.id]);
  });
});

describe('secrets', () => {
  it('the access token, app secret and verify token appear in no response and no log line of this file', async () => {
    expect(s.watch.scanned).toBeGreaterThan(5);
    expect(await s.leaks()).toEqual([]);
  });
});
