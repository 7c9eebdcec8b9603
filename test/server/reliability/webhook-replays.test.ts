/**
 * Meta delivers webhooks at least once and in no particular order. test/server/routes/
 * whatsapp-webhook.test.ts replays one batch three times shuffled; this generalises it as a
 * property over many messages: every message's statuses (a delivery ladder, or a failure), each
 * delivered 1–3 times, shuffled, cut into random batches — the final status is the furthest the
 * ladder allows, each status has one history row, a failure keeps Meta's code; and an inbound STOP
 * delivered several times records one opt-out and sends one confirmation.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/schemas/message';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { getMessage, metaStatus, optIn, postWebhook, sandboxSent, sandboxSettings, sendTemplate, statusesPayload, trPhone } from '../messaging/helpers';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ KOPRU_SENDS_PER_MINUTE: '100000' });
  // Only the test decides what Meta says.
  await sandboxSettings(ts, { webhooksPaused: true });
});
afterAll(() => ts?.close());

type Scenario = 'sent' | 'delivered' | 'read' | 'failed-after-sent' | 'failed';
const STATUSES: Record<Scenario, string[]> = {
  sent: ['sent'],
  delivered: ['sent', 'delivered'],
  read: ['sent', 'delivered', 'read'],
  'failed-after-sent': ['sent', 'failed'],
  failed: ['failed'],
};
const FINAL: Record<Scenario, Message['status']> = { sent: 'sent', delivered: 'delivered', read: 'read', 'failed-after-sent': 'failed', failed: 'failed' };

async function acceptedMessage() {
  const p = trPhone();
  optIn(ts, p.e164);
  const { message } = (await (await sendTemplate(ts, p.e164)).json()) as { message: Message };
  expect(message.status).toBe('accepted');
  return { id: message.id, wamid: message.wamid!, waId: p.waId };
}

const historyRows = (id: string) => ts.running.deps.db.prepare('SELECT status FROM message_events WHERE message_id = ?').pluck().all(id) as string[];

describe('statuses replayed, shuffled and batched at random', () => {
  it('end at the furthest status the ladder allows, with one history row per status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ scenario: fc.constantFrom<Scenario>('sent', 'delivered', 'read', 'failed-after-sent', 'failed'), copies: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        fc.integer({ min: 1, max: 8 }),
        async (plans, randoms, batchSize) => {
          const messages = await Promise.all(plans.map(acceptedMessage));
          const statuses = plans.flatMap((plan, i) =>
            STATUSES[plan.scenario].flatMap((status) =>
              Array.from({ length: plan.copies }, () =>
                metaStatus(messages[i]!, status, status === 'failed' ? { errors: [{ code: 131026, title: 'Message undeliverable' }] } : {}),
              ),
            ),
          );
          const it = randoms[Symbol.iterator]();
          const order = statuses.map((st) => ({ st, k: it.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.st);
          for (let i = 0; i < order.length; i += batchSize) {
            const res = await postWebhook(ts, statusesPayload(order.slice(i, i + batchSize)));
            expect(res.status).toBe(200);
          }
          for (const [i, plan] of plans.entries()) {
            const m = await getMessage(ts, messages[i]!.id);
            expect(m.status, plan.scenario).toBe(FINAL[plan.scenario]);
            if (FINAL[plan.scenario] === 'failed') expect(m.errorCode).toBe(131026);
            const rows = historyRows(m.id);
            expect(rows.length, `${plan.scenario}: ${rows.join(',')}`).toBe(new Set(rows).size);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('an inbound STOP delivered several times', () => {
  it('records one opt-out and sends one confirmation', async () => {
    const p = trPhone();
    optIn(ts, p.e164);
    const now = String(Math.floor(ts.running.deps.clock.now() / 1000));
    const stop = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '200000000000001',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '908505551234', phone_number_id: '100000000000001' },
                contacts: [{ profile: { name: 'Ayşe' }, wa_id: p.waId }],
                messages: [{ from: p.waId, id: `wamid.stop-${p.waId}`, timestamp: now, type: 'text', text: { body: 'STOP' } }],
              },
            },
          ],
        },
      ],
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => postWebhook(ts, stop)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await postWebhook(ts, stop).then((r) => r.status)).toBe(200);
    const optOuts = ts.running.deps.db.prepare("SELECT COUNT(*) FROM consents WHERE phone = ? AND action = 'opt_out'").pluck().get(p.e164);
    expect(optOuts).toBe(1);
    await sandboxSettings(ts, { webhooksPaused: false });
    await waitFor(async () => (await sandboxSent(ts.url)).some((m) => m.wa_id === p.waId));
    await new Promise((r) => setTimeout(r, 300));
    expect((await sandboxSent(ts.url)).filter((m) => m.wa_id === p.waId)).toHaveLength(1);
  });
});
