/**
 * Meta keeps its promises across our restarts: status ladders of accepted messages and webhook
 * retries are kept in the sandbox file, so a sandbox closed mid-way (close() flushes nothing, as a
 * crash would not) and started again on the same file sends what it still owed — the same bodies,
 * validly signed, in order per message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from './helpers/restart-runs';
import { boot, cleanup, DELIVERY_MS, READ_MS, receiver, tempDbFile } from './helpers/restart-runs';
import type { WebhookReceiver } from './helpers/webhook-receiver';
import { waitFor } from './helpers/wait-for';

afterEach(cleanup);

const RECIPIENTS = {
  plain: '905326200011',
  withCallbackData: '905326200022',
  undeliverable: '905326210000',
  readReceiptsOff: '905326210008',
} as const;
type Recipient = keyof typeof RECIPIENTS;

/** What each recipient's phone does, in seconds after the message was accepted. */
const LADDERS: Record<Recipient, Array<{ status: string; after: number; code?: number }>> = {
  plain: [
    { status: 'sent', after: 0 },
    { status: 'delivered', after: DELIVERY_MS / 1000 },
    { status: 'read', after: (DELIVERY_MS + READ_MS) / 1000 },
  ],
  withCallbackData: [
    { status: 'sent', after: 0 },
    { status: 'delivered', after: DELIVERY_MS / 1000 },
    { status: 'read', after: (DELIVERY_MS + READ_MS) / 1000 },
  ],
  undeliverable: [{ status: 'failed', after: DELIVERY_MS / 1000, code: 131026 }],
  readReceiptsOff: [
    { status: 'sent', after: 0 },
    { status: 'delivered', after: DELIVERY_MS / 1000 },
  ],
};
const STATUS_COUNT = Object.values(LADDERS).flat().length;

async function sendAll(run: Run): Promise<Map<string, { recipient: Recipient; acceptedAt: number }>> {
  const sent = new Map<string, { recipient: Recipient; acceptedAt: number }>();
  for (const [recipient, to] of Object.entries(RECIPIENTS) as Array<[Recipient, string]>) {
    // v23 still carries the `conversation` object, whose expiry is derived from the status time.
    const res =
      recipient === 'withCallbackData'
        ? await run.sendTemplate(to, { biz_opaque_callback_data: 'ticket/4711 Şükrü' })
        : await run.sendTemplate(to, {}, 'v23.0');
    expect(res.status).toBe(200);
    sent.set(res.body.messages[0].id, { recipient, acceptedAt: 0 });
  }
  for (const m of (await run.call('GET', '/control/sent')).body.messages) {
    const entry = sent.get(m.id);
    if (entry) entry.acceptedAt = Math.floor(Date.parse(m.at) / 1000);
  }
  return sent;
}

/** Status bodies per recipient in arrival order, with ids and times made relative to acceptance. */
function normalised(hooks: WebhookReceiver, sent: Map<string, { recipient: Recipient; acceptedAt: number }>) {
  const out: Partial<Record<Recipient, Array<Record<string, any>>>> = {};
  for (const s of hooks.statuses()) {
    const { recipient, acceptedAt } = sent.get(s.id)!;
    const rel = (t: string) => Number(t) - acceptedAt;
    const copy: Record<string, any> = { ...s, id: 'WAMID', timestamp: rel(s.timestamp) };
    if (s.conversation) copy.conversation = { ...s.conversation, expiration_timestamp: rel(s.conversation.expiration_timestamp) };
    (out[recipient] ??= []).push(copy);
  }
  return out;
}

type Variant = 'no restart' | 'restart, then the clock moves on' | 'restart after everything fell due';

async function scenario(variant: Variant) {
  const dbFile = tempDbFile();
  const hooks = await receiver();
  let run = await boot(dbFile, hooks);
  // Webhooks held: the `sent` statuses are still queued, unsent, when this run goes away.
  if (variant !== 'no restart') await run.call('POST', '/control/settings', { webhooksPaused: true });
  const sent = await sendAll(run);
  if (variant !== 'no restart') {
    await waitFor(async () => (await run.deliveries()).length === 3, 'three sent statuses queued');
    await run.close();
    expect(hooks.received).toEqual([]);
    run = await boot(dbFile, hooks, { downtimeMs: variant === 'restart after everything fell due' ? 150_000 : 0 });
  }
  if (variant !== 'restart after everything fell due') {
    await run.advance(DELIVERY_MS);
    await run.advance(READ_MS);
  }
  await waitFor(() => hooks.statuses().length >= STATUS_COUNT, `${STATUS_COUNT} statuses`);
  const log = await run.deliveries();
  return { hooks, log, statuses: normalised(hooks, sent) };
}

describe('status ladders across a restart', () => {
  it.each<Variant>(['restart, then the clock moves on', 'restart after everything fell due'])(
    '%s: every status arrives once, in order, with the body it would have had without the restart',
    async (variant) => {
      const without = await scenario('no restart');
      const ladders = Object.fromEntries(
        Object.entries(without.statuses).map(([r, list]) => [r, list.map((s) => ({ status: s.status, after: s.timestamp, ...(s.errors ? { code: s.errors[0].code } : {}) }))]),
      );
      expect(ladders).toEqual(LADDERS);

      const after = await scenario(variant);
      expect(after.statuses).toEqual(without.statuses);
      expect(after.hooks.received).toHaveLength(STATUS_COUNT);
      expect(after.hooks.received.every((r) => r.signatureValid)).toBe(true);
      expect(after.log.map((d) => d.state)).toEqual(Array(STATUS_COUNT).fill('delivered'));
    },
  );

  it('resumes the virtual clock where the last run left it, so work due after a jump is not pushed out again', async () => {
    const dbFile = tempDbFile();
    const hooks = await receiver();
    const first = await boot(dbFile, hooks);
    await first.advance(24 * 3600_000);
    await first.call('POST', '/control/settings', { webhooksPaused: true });
    const res = await first.sendTemplate(RECIPIENTS.plain);
    const id = res.body.messages[0].id;
    await first.close();

    const second = await boot(dbFile, hooks);
    expect((await second.call('GET', '/clock')).body.offsetMs).toBe(24 * 3600_000);
    await second.advance(DELIVERY_MS + READ_MS);
    const statuses = await waitFor(() => (hooks.statuses(id).length === 3 ? hooks.statuses(id) : null), 'the whole ladder');
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
  });

  it('a shuffled batch held back when the run ended still goes out, before the later statuses', async () => {
    const dbFile = tempDbFile();
    const hooks = await receiver();
    const first = await boot(dbFile, hooks);
    await first.call('POST', '/control/settings', { shuffle: true, shuffleWindowMs: 5_000 });
    const id = (await first.sendTemplate(RECIPIENTS.plain)).body.messages[0].id;
    await waitFor(async () => (await first.call('GET', '/control/sent')).body.messages[0].status === 'sent', 'sent status held');
    await first.close();
    expect(hooks.received).toEqual([]);

    await boot(dbFile, hooks, { downtimeMs: 150_000 });
    await waitFor(() => hooks.statuses(id).length === 3, 'the whole ladder');
    expect(hooks.statuses(id).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(hooks.received[0]!.body.entry[0]!.changes[0]!.value.statuses).toEqual([expect.objectContaining({ id, status: 'sent' })]);
  });
});

describe('webhook retries across a restart', () => {
  it.each([
    { when: 'the retry is still ahead when the next run starts', downtimeMs: 0, advanceMs: 30_000, answerAfter: 200, attempts: [500, 200], state: 'delivered' },
    { when: 'the retry fell due while nothing was running', downtimeMs: 45_000, advanceMs: 0, answerAfter: 200, attempts: [500, 200], state: 'delivered' },
    { when: 'the receiver still refuses: attempts before the restart count', downtimeMs: 45_000, advanceMs: 0, answerAfter: 500, attempts: [500, 500], state: 'failed' },
  ])('$when', async ({ downtimeMs, advanceMs, answerAfter, attempts, state }) => {
    const dbFile = tempDbFile();
    const hooks = await receiver();
    const webhookRetry = { baseMs: 30_000, maxAttempts: 2 };
    hooks.respondWith(() => 500);
    const first = await boot(dbFile, hooks, { webhookRetry });
    await first.call('POST', '/customers/905326300011/messages', { text: 'Kargom nerede?', name: 'Ayşe Yılmaz' });
    await waitFor(async () => (await first.deliveries())[0]?.state === 'retrying', 'the first attempt refused');
    await first.close();

    hooks.respondWith(() => answerAfter);
    const second = await boot(dbFile, hooks, { downtimeMs, webhookRetry });
    if (advanceMs > 0) await second.advance(advanceMs);
    const log = await waitFor(async () => (await second.deliveries()).find((d) => d.state === state), `delivery ${state}`);
    expect(log.attempts.map((a: { status: number }) => a.status)).toEqual(attempts);
    expect(log.attempts[1].at - log.attempts[0].at).toBeGreaterThanOrEqual(webhookRetry.baseMs);
    expect(hooks.received.map((r) => r.answeredWith)).toEqual(attempts);
    // The very bytes of the first attempt, so the signature made then still verifies.
    expect(hooks.received[1]!.raw).toBe(hooks.received[0]!.raw);
    expect(hooks.received.every((r) => r.signatureValid)).toBe(true);
    expect(hooks.values('messages')[1]!.messages[0].text.body).toBe('Kargom nerede?');
  });
});
