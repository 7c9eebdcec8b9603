/**
 * Meta outages. Köprü in live configuration against "Meta" (a separate sandbox behind a recording
 * front that counts every Graph call, refused ones included):
 * - transient failures (HTTP 5xx, 131000, 131016, 130429 throughput) are retried with growing
 *   waits, the agent sees the queued state and the reason, and once Meta recovers every message
 *   goes out exactly once — nothing lost;
 * - permanent errors (131026 after acceptance, 132001, 131009, 132000, 190, …) are not retried:
 *   exactly one Graph call reached Meta for the message, and the agent sees Meta's code and a reason.
 * The shared virtual clock is moved past each backoff instead of waiting for it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { upsertTemplate } from '../../../server/db/templates-repo';
import type { Message } from '../../../shared/schemas/message';
import { startLiveLikeServer, type LiveLikeServer } from '../../helpers/live-like-server';
import { waitFor } from '../../helpers/test-server';
import { acceptedBy, advanceUntil, attemptsOf, customer, getMessage, graphErrorResponse, messageOf, sendTemplate } from './steps';

let s: LiveLikeServer;
beforeAll(async () => {
  s = await startLiveLikeServer();
});
afterEach(async () => {
  s.graph.intercept = null;
  await s.sandbox('/control/settings', { faults: true, throughputPerSecond: 1000 });
  // A 132015 answer marks the template PAUSED in our store (as it should); Meta still has it approved.
  expect((await s.api('/api/templates/sync', { method: 'POST', token: s.adminToken })).status).toBe(200);
});
afterAll(() => s?.close());

const optedIn = (suffix?: string) => {
  const c = customer(suffix);
  recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
  return c;
};

type Schedule = { status: string; attempts: number; nextAttemptAt: number; updatedAt: number };
const scheduleOf = (id: string) =>
  s.running.deps.db.prepare('SELECT status, attempts, next_attempt_at AS nextAttemptAt, updated_at AS updatedAt FROM messages WHERE id = ?').get(id) as Schedule;

/** Lets the due retry run (clock moved just past it) and returns the wait chosen after it failed again. */
async function nextRetry(id: string): Promise<{ attempt: number; waitMs: number }> {
  const before = scheduleOf(id);
  s.advance(Math.max(0, before.nextAttemptAt - s.clock.now()) + 1);
  const after = await waitFor(() => {
    const now = scheduleOf(id);
    // Claimed (`sending`) is not enough: wait until the attempt has failed and the next one is planned.
    return now.attempts > before.attempts && now.status === 'queued' ? now : null;
  });
  return { attempt: after.attempts, waitMs: after.nextAttemptAt - after.updatedAt };
}

const delivered = async (id: string) => {
  const m = await getMessage(s, id);
  return ['delivered', 'read'].includes(m.status) ? m : null;
};

describe('transient failures: retried with backoff, visible to the agent, nothing lost', () => {
  it.each([
    ['…0003: HTTP 500, error 131000', '0003', 131000],
    ['…0004: HTTP 500, error 131016', '0004', 131016],
    ['…0005: HTTP 500 with a non-JSON body', '0005', null],
  ])('%s', async (_label, suffix, code) => {
    const c = optedIn(suffix);
    const first = await messageOf(await sendTemplate(s, c.e164));
    // The first attempt failed before we answered: the 202 already says it is waiting, and why.
    expect(first).toMatchObject({ status: 'queued', errorCode: code, errorReason: expect.stringContaining('Retrying (attempt 2)') });

    // Two more failures: each wait is longer than the one before (exponential, jitter on top).
    const waits = [scheduleOf(first.id).nextAttemptAt - scheduleOf(first.id).updatedAt];
    for (let i = 0; i < 2; i++) waits.push((await nextRetry(first.id)).waitMs);
    waits.forEach((w, i) => expect(w, `wait after attempt ${i + 1}`).toBeGreaterThanOrEqual(1000 * 2 ** i));
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(waits[2]!).toBeGreaterThan(waits[1]!);

    // The agent reading the message meanwhile sees it queued, Meta's code, and the attempt count.
    const seen = await getMessage(s, first.id);
    expect(seen).toMatchObject({ status: 'queued', errorCode: code, errorReason: expect.stringContaining('Retrying (attempt 4)') });
    expect(seen.history.map((h) => h.status)).toEqual(['queued', 'sending']);
    expect(await acceptedBy(s, c.waId)).toEqual([]);

    // Meta recovers: the next retry goes out, once, and the message ends delivered with the error cleared.
    await s.sandbox('/control/settings', { faults: false });
    const done: Message = await advanceUntil(s, () => delivered(first.id));
    expect(done).toMatchObject({ errorCode: null, errorReason: null });
    expect(done.history.map((h) => h.status)).toEqual(expect.arrayContaining(['queued', 'sending', 'accepted']));
    expect(await acceptedBy(s, c.waId)).toHaveLength(1);
    expect(s.graph.sends(c.waId)).toHaveLength(attemptsOf(s, first.id));
    expect(attemptsOf(s, first.id)).toBe(4);
  });

  it('130429 (throughput reached): waits at least what Meta asks (Retry-After), then every message goes out once', async () => {
    await s.sandbox('/control/settings', { throughputPerSecond: 0.001 });
    const cs = Array.from({ length: 5 }, () => optedIn());
    const ms = await Promise.all(cs.map(async (c) => messageOf(await sendTemplate(s, c.e164))));
    for (const m of ms) {
      expect(m).toMatchObject({ status: 'queued', errorCode: 130429, errorReason: expect.stringContaining('rate limit') });
      const { nextAttemptAt, updatedAt } = scheduleOf(m.id);
      expect(nextAttemptAt - updatedAt).toBeGreaterThanOrEqual(1000);
    }
    expect((await nextRetry(ms[0]!.id)).waitMs).toBeGreaterThanOrEqual(1000);

    await s.sandbox('/control/settings', { throughputPerSecond: 1000 });
    await advanceUntil(s, async () => (await Promise.all(ms.map((m) => delivered(m.id)))).every(Boolean));
    for (const [i, c] of cs.entries()) {
      expect(await acceptedBy(s, c.waId), c.waId).toHaveLength(1);
      expect(s.graph.sends(c.waId)).toHaveLength(attemptsOf(s, ms[i]!.id));
    }
  });

  it('Meta down for everyone (503 from its gateway): 20 sends wait, the agent sees them queued, all go out once after', async () => {
    s.graph.intercept = (call) =>
      call.to ? new Response('<html><body>503 Service Unavailable</body></html>', { status: 503, headers: { 'content-type': 'text/html' } }) : undefined;
    const cs = Array.from({ length: 20 }, () => optedIn());
    const ms = await Promise.all(cs.map(async (c) => messageOf(await sendTemplate(s, c.e164))));
    expect(ms.map((m) => m.status)).toEqual(ms.map(() => 'queued'));
    // The panel's customer card shows the waiting message.
    const card = (await (await s.api(`/api/contacts/${encodeURIComponent(cs[0]!.e164)}`)).json()) as { contact: { messages: Message[] } };
    expect(card.contact.messages[0]).toMatchObject({ id: ms[0]!.id, status: 'queued', errorReason: expect.stringContaining('Retrying') });
    // A few rounds of the outage go by.
    for (let i = 0; i < 3; i++) {
      s.advance(60_000);
      await waitFor(() => ms.every((m) => attemptsOf(s, m.id) >= i + 2), 10_000);
    }
    expect(await acceptedBy(s, cs[0]!.waId)).toEqual([]);

    s.graph.intercept = null;
    await advanceUntil(s, async () => (await Promise.all(ms.map((m) => delivered(m.id)))).every(Boolean));
    for (const [i, c] of cs.entries()) {
      const accepted = await acceptedBy(s, c.waId);
      expect(accepted.map((a) => a.biz_opaque_callback_data), c.waId).toEqual([ms[i]!.id]);
    }
  });
});

describe('permanent errors: not retried (exactly one Graph call), Meta’s code shown', () => {
  it.each([
    [131009, 400, 'Parameter value is not valid'],
    [132000, 400, 'Number of parameters does not match the expected number of params'],
    [132012, 400, 'Parameter format does not match format in the created template'],
    [132015, 400, 'Template is Paused'],
    [131051, 400, 'Unsupported message type'],
    [100, 400, 'Invalid parameter'],
    [190, 401, 'Invalid OAuth access token'],
  ])('error %i from Meta', async (code, httpStatus, title) => {
    const c = optedIn();
    s.graph.intercept = (call) => (call.to === c.waId ? graphErrorResponse(code, { httpStatus, title }) : undefined);
    const m = await messageOf(await sendTemplate(s, c.e164));
    expect(m).toMatchObject({ status: 'failed', errorCode: code, errorReason: expect.any(String) });
    expect(m.errorReason).not.toMatch(/Retrying/);
    if (code === 132015) {
      // Meta said the template is paused: agents stop being offered it until Meta says otherwise.
      const list = (await (await s.api('/api/templates?q=order_confirmation&language=tr')).json()) as { templates: unknown[] };
      expect(list.templates).toEqual([]);
    }
    for (let i = 0; i < 3; i++) s.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 500)); // several worker polls
    expect(s.graph.sends(c.waId)).toHaveLength(1);
    expect((await getMessage(s, m.id)).status).toBe('failed');
  });

  it('error 1 (an unknown API error) is retried once, not more', async () => {
    const c = optedIn();
    s.graph.intercept = (call) => (call.to === c.waId ? graphErrorResponse(1, { httpStatus: 500, title: 'An unknown error occurred' }) : undefined);
    const m = await messageOf(await sendTemplate(s, c.e164));
    expect(m.status).toBe('queued');
    const failed = await advanceUntil(s, async () => ((await getMessage(s, m.id)).status === 'failed' ? true : null));
    expect(failed).toBe(true);
    for (let i = 0; i < 3; i++) s.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.graph.sends(c.waId)).toHaveLength(2);
  });

  it('131026 after acceptance (…0000): one Graph call; the failed webhook ends it with a reason; never resent', async () => {
    const c = optedIn('0000');
    const m = await messageOf(await sendTemplate(s, c.e164));
    expect(m.status).toBe('accepted');
    const failed = await waitFor(async () => {
      const now = await getMessage(s, m.id);
      return now.status === 'failed' ? now : null;
    });
    expect(failed).toMatchObject({ errorCode: 131026, errorReason: expect.stringContaining('could not be delivered') });
    for (let i = 0; i < 3; i++) s.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.graph.sends(c.waId)).toHaveLength(1);
  });

  it('132001 (a template Meta does not have): one Graph call, failed at once', async () => {
    const { db, clock } = s.running.deps;
    upsertTemplate(db, { id: '990001', name: 'only_in_koprus_store', language: 'tr', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Merhaba {{1}}' }] }, clock.now());
    const c = optedIn();
    const res = await s.api('/api/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': `perm-132001-${c.waId}` },
      json: { phone: c.e164, template: { name: 'only_in_koprus_store', language: 'tr' }, values: { '1': 'Ayşe' } },
    });
    const m = await messageOf(res);
    expect(m).toMatchObject({ status: 'failed', errorCode: 132001 });
    for (let i = 0; i < 3; i++) s.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.graph.sends(c.waId)).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('the access token, app secret and verify token appear in no response and no log line of this file', async () => {
    expect(s.watch.scanned).toBeGreaterThan(10);
    expect(await s.leaks()).toEqual([]);
  });
});
