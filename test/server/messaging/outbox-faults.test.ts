/**
 * The outbox against the sandbox's fault table (server/sandbox/faults.ts: the recipient's last four
 * digits pick the fault): asynchronous failures keep Meta's code and reason, transient errors are
 * retried with backoff, permanent ones are not, and a send whose response never arrives is never
 * resent — a webhook carrying our id reconciles it, or it ends `unknown`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/schemas/message';
import { upsertTemplate } from '../../../server/db/templates-repo';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { getMessage, optIn, sandboxSent, sandboxSettings, sendTemplate, trPhone, waitForStatus } from './helpers';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(() => ts?.close());

const send = async (suffix: string) => {
  const p = trPhone(suffix);
  optIn(ts, p.e164);
  const res = await sendTemplate(ts, p.e164);
  expect(res.status).toBe(202);
  return { ...p, message: ((await res.json()) as { message: Message }).message };
};
const sentTo = async (waId: string) => (await sandboxSent(ts.url)).filter((s) => s.wa_id === waId);
const attemptsOf = (id: string) => ts.running.deps.db.prepare('SELECT attempts FROM messages WHERE id = ?').pluck().get(id) as number;

describe('asynchronous failures (accepted, then a failed status webhook)', () => {
  it.each([
    ['0000', 131026, 'could not be delivered'],
    ['0007', 130472, 'experiment'],
  ])('…%s ends failed with %i and a readable reason', async (suffix, code, reason) => {
    const { message } = await send(suffix);
    const failed = await waitForStatus(ts, message.id, 'failed');
    expect(failed).toMatchObject({ errorCode: code, errorReason: expect.stringContaining(reason) });
    expect(failed.history.map((h) => h.status)).toContain('accepted');
    expect(failed.history.at(-1)).toMatchObject({ status: 'failed', errorCode: code });
  });
});

describe('synchronous errors', () => {
  it('a transient 131016 is retried with backoff and then sent once', async () => {
    const { waId, message } = await send('0009');
    // The first attempt failed before we answered: the agent already sees why it is waiting.
    expect(message).toMatchObject({ status: 'queued', errorCode: 131016, errorReason: expect.stringContaining('Retrying') });
    const done = await waitForStatus(ts, message.id, 'read', 15_000);
    expect(done).toMatchObject({ errorCode: null, errorReason: null });
    expect(attemptsOf(message.id)).toBe(3);
    expect(await sentTo(waId)).toHaveLength(1);
  });

  it.each([
    ['0004', 131016],
    ['0005', null],
  ])('…%s keeps failing: retried a bounded number of times, then failed (nothing reached the customer)', async (suffix, code) => {
    const { waId, message } = await send(suffix);
    // Move the shared virtual clock past each backoff instead of waiting for it.
    const failed = await waitFor(async () => {
      ts.running.virtualClock!.advance(60_000);
      const m = await getMessage(ts, message.id);
      return m.status === 'failed' ? m : null;
    }, 15_000, 100);
    expect(failed.errorCode).toBe(code);
    expect(attemptsOf(message.id)).toBe(6);
    expect(await sentTo(waId)).toHaveLength(0);
  });

  it('a permanent error (132001) is not retried and the agent sees it in the 202 answer', async () => {
    const db = ts.running.deps.db;
    // A template we believe in but Meta does not have (deleted in WhatsApp Manager, say).
    upsertTemplate(db, { id: '1', name: 'local_only', language: 'tr', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Merhaba {{1}}' }] }, ts.running.deps.clock.now());
    const p = trPhone();
    optIn(ts, p.e164);
    const res = await sendTemplate(ts, p.e164, undefined, { name: 'local_only', values: { '1': 'Ayşe' } });
    const { message } = (await res.json()) as { message: Message };
    expect(res.status).toBe(202);
    expect(message).toMatchObject({ status: 'failed', errorCode: 132001, errorReason: expect.stringContaining('does not exist in this language') });
    ts.running.virtualClock!.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(attemptsOf(message.id)).toBe(1);
  });
});

describe('the response never arrives (…0006)', () => {
  it('is never resent: a webhook with our id reconciles it, or it ends unknown until one comes', async () => {
    // B: webhooks flowing. The `sent` webhook carries our id and arrives while the call still hangs.
    const b = await send('0006');
    const reconciled = await waitForStatus(ts, b.message.id, 'read', 10_000);
    expect(reconciled.wamid).toMatch(/^wamid\./);

    // A: webhooks held back, so nothing tells us what happened.
    await sandboxSettings(ts, { webhooksPaused: true });
    const a = await send('0006');
    expect(a.message.status).toBe('sending');

    // The Graph client gives up (timeout): both are uncertain, neither is sent again.
    const uncertain = () => ts.logs.filter((l) => l.includes('outcome uncertain'));
    await waitFor(() => uncertain().some((l) => l.includes(a.message.id)) && uncertain().some((l) => l.includes(b.message.id)), 25_000, 100);
    await new Promise((r) => setTimeout(r, 500));
    expect(await sentTo(a.waId)).toHaveLength(1);
    expect(await sentTo(b.waId)).toHaveLength(1);
    expect((await getMessage(ts, b.message.id)).status).toBe('read');
    expect((await getMessage(ts, a.message.id)).status).toBe('sending');

    // Past the grace period it is shown as unknown — not resent, not failed.
    ts.running.virtualClock!.advance(16 * 60_000);
    const unknown = await waitForStatus(ts, a.message.id, 'unknown');
    expect(unknown.errorReason).toContain('never confirmed');
    expect(await sentTo(a.waId)).toHaveLength(1);

    // Meta's webhooks finally arrive: the unknown message is resolved by our id.
    await sandboxSettings(ts, { webhooksPaused: false });
    const resolved = await waitFor(async () => {
      const m = await getMessage(ts, a.message.id);
      return ['sent', 'delivered', 'read'].includes(m.status) ? m : null;
    });
    expect(resolved.wamid).toBe((await sentTo(a.waId))[0]!.id);
    expect(resolved.history.map((h) => h.status)).toEqual(expect.arrayContaining(['sending', 'unknown', 'sent']));
    expect(await sentTo(a.waId)).toHaveLength(1);
  }, 60_000);
});
