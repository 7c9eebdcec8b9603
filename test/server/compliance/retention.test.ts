/**
 * Retention of message contents over real HTTP: an admin keeps contents for N days; when the clock
 * passes that (the sandbox's clock jumps a month), the job blanks template values, previews, texts
 * and inbound messages, while statuses and analytics stay as they were, and newer messages keep theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../../shared/schemas/analytics';
import type { Message } from '../../../shared/schemas/message';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays } from '../consent/http';
import { getMessage, newKey, optIn, sendTemplate, waitForStatus } from '../messaging/helpers';

const C = { e164: '+905329990011', waId: '905329990011' };
const DAY = 24 * 3600_000;

let s: TestServer;
let old: Message;
const put = (body: unknown, token = s.adminToken) => s.api('/api/compliance/retention', { method: 'PUT', token, json: body });

beforeAll(async () => {
  s = await startTestServer();
  optIn(s, C.e164);
  await customerSays(s, C.waId, { text: 'Siparişim TR-RET-1 nerede?' });
  const res = await sendTemplate(s, C.e164, newKey(), { values: { '1': 'Deniz', '2': 'TR-RET-1', '3': '10 TL' } });
  old = ((await res.json()) as { message: Message }).message;
  await waitForStatus(s, old.id, 'read');
});
afterAll(() => s?.close());

const analytics = async () => {
  const { clock } = s.running.deps;
  const res = await s.api(`/api/analytics?from=${clock.now() - 60 * DAY}&to=${clock.now() + 1}`, { token: s.adminToken });
  return ((await res.json()) as AnalyticsReport).totals;
};

describe('retention of message contents', () => {
  it('is off until an admin sets it', async () => {
    const res = await s.api('/api/compliance/retention', { token: s.adminToken });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { retention: { messageContentDays: number | null } }).retention.messageContentDays).toBeNull();
    const run = await s.api('/api/compliance/retention/run', { method: 'POST', token: s.adminToken });
    expect(((await run.json()) as { run: unknown }).run).toEqual({ cutoff: null, messagesBlanked: 0, inboundBlanked: 0 });
  });

  it('set to 30 days: nothing is that old yet', async () => {
    const res = await put({ messageContentDays: 30 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { retention: { messageContentDays: number; updatedBy: string }; run: { messagesBlanked: number } };
    expect(body.retention.messageContentDays).toBe(30);
    expect(body.run.messagesBlanked).toBe(0);
    expect((await getMessage(s, old.id)).preview.body).toContain('TR-RET-1');
  });

  it('a month later the job blanks the contents but keeps statuses and the analytics', async () => {
    const before = await analytics();
    const advanced = await fetch(`${s.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 31 * DAY }) });
    expect(advanced.status).toBe(200);
    // The job runs when the clock jumps; no waiting for its timer.
    const blanked = await waitFor(async () => {
      const m = await getMessage(s, old.id);
      return m.preview.body === '' ? m : null;
    });
    expect(blanked.status).toBe('read');
    expect(blanked.history.map((h) => h.status)).toEqual(expect.arrayContaining(['queued', 'accepted', 'delivered', 'read']));
    const row = s.running.deps.db.prepare('SELECT values_json, components_json, contents_removed_at FROM messages WHERE id = ?').get(old.id) as Record<string, unknown>;
    expect(row.values_json).toBeNull();
    expect(row.components_json).toBeNull();
    expect(row.contents_removed_at).not.toBeNull();
    const inbound = s.running.deps.db.prepare('SELECT text FROM inbound_messages WHERE phone = ?').pluck().all(C.e164);
    expect(inbound).toEqual([null]);
    const after = await analytics();
    expect(after).toMatchObject({ messages: before.messages, delivered: before.delivered, read: before.read, replied: before.replied });
    const log = (await (await s.api('/api/audit?action=retention.run', { token: s.adminToken })).json()) as { entries: Array<{ actor: { kind: string }; details: { messagesBlanked: number } }> };
    expect(log.entries[0]).toMatchObject({ actor: { kind: 'system' }, details: { messagesBlanked: 1 } });
  });

  it('newer messages keep their contents', async () => {
    await customerSays(s, C.waId, { text: 'Yeni bir sorum var' });
    const res = await sendTemplate(s, C.e164, newKey(), { values: { '1': 'Deniz', '2': 'TR-RET-2', '3': '20 TL' } });
    const fresh = ((await res.json()) as { message: Message }).message;
    await waitForStatus(s, fresh.id, 'read');
    const run = (await (await s.api('/api/compliance/retention/run', { method: 'POST', token: s.adminToken })).json()) as { run: { messagesBlanked: number } };
    expect(run.run.messagesBlanked).toBe(0);
    expect((await getMessage(s, fresh.id)).preview.body).toContain('TR-RET-2');
  });

  it.each([[{ messageContentDays: 0 }], [{ messageContentDays: 5000 }], [{ messageContentDays: '30' }], [{}], [{ messageContentDays: 1.5 }]])('refuses %j with 400', async (body) => {
    const res = await put(body);
    expect(res.status).toBe(400);
  });

  it('is for admins: agent 403, no token 401', async () => {
    expect((await put({ messageContentDays: 7 }, s.agentToken)).status).toBe(403);
    expect((await s.api('/api/compliance/retention')).status).toBe(403);
    expect((await s.api('/api/compliance/retention/run', { method: 'POST' })).status).toBe(403);
    expect((await s.api('/api/compliance/retention', { token: null })).status).toBe(401);
  });

  it('null switches it off again', async () => {
    const res = await put({ messageContentDays: null });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { retention: { messageContentDays: null } }).retention.messageContentDays).toBeNull();
  });
});
