/**
 * `GET /api/audit` (admin): every send, consent change and agent action is in an append-only,
 * hash-chained log — with the customer only as a keyed hash — and can be filtered, paged and
 * verified; an edit made behind the triggers' back is caught.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectOf } from '../../../server/core/subject-key';
import type { AuditEntry } from '../../../shared/schemas/audit';
import type { Message } from '../../../shared/schemas/message';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { customerSays } from '../consent/http';
import { newKey, sendTemplate } from '../messaging/helpers';

const C = { e164: '+905328880011', waId: '905328880011' };
const OTHER = { e164: '+905328880022', waId: '905328880022' };

let s: TestServer;
let agentId: string;
let message: Message;

type Page = { entries: AuditEntry[]; nextBefore: number | null };
const audit = async (query = '') => {
  const res = await s.api(`/api/audit?${query}`, { token: s.adminToken });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

beforeAll(async () => {
  s = await startTestServer();
  agentId = ((await (await s.api('/api/me')).json()) as { agent: { id: string } }).agent.id;
  expect((await s.api('/api/consents', { method: 'POST', json: { phone: C.e164, action: 'opt_in', method: 'paper_form', note: 'Ayşe Kaya imzaladı' } })).status).toBe(201);
  const sent = await sendTemplate(s, C.e164, newKey());
  expect(sent.status).toBe(202);
  message = ((await sent.json()) as { message: Message }).message;
  // Refused by the gate: still an agent action, recorded with its status.
  expect((await sendTemplate(s, OTHER.e164, newKey())).status).toBe(422);
  // The customer stops from WhatsApp: their own doing.
  await customerSays(s, C.waId, { text: 'STOP' });
  // Refused by the role check: not recorded.
  expect((await s.api(`/api/contacts/${encodeURIComponent(OTHER.e164)}`, { method: 'DELETE' })).status).toBe(403);
  expect((await s.api('/api/compliance/retention', { method: 'PUT', token: s.adminToken, json: { messageContentDays: 90 } })).status).toBe(200);
});
afterAll(() => s?.close());

describe('what the log records', () => {
  it('the send, by the agent, about the customer (as a keyed hash)', async () => {
    const { entries } = await audit('action=message.send');
    const e = entries.find((x) => x.target === message.id)!;
    expect(e).toMatchObject({
      action: 'message.send',
      actor: { id: agentId, kind: 'agent' },
      subject: subjectOf(s.running.deps.db, C.e164),
      details: { messageId: message.id, kind: 'template', template: { name: 'order_confirmation', language: 'tr' }, category: 'UTILITY', priceClass: 'utility' },
    });
  });

  it('each consent record: the agent’s, and the customer’s own STOP', async () => {
    const { entries } = await audit('action=consent.record');
    expect(entries.map((e) => [e.actor.kind, e.details.method, e.details.action])).toEqual([
      ['customer', 'whatsapp_keyword', 'opt_out'],
      ['agent', 'paper_form', 'opt_in'],
    ]);
  });

  it('agent actions as route patterns with their status (refused by the gate included, refused entry not)', async () => {
    const { entries } = await audit('action=api.request&limit=50');
    const summary = entries.map((e) => `${e.target} ${String(e.details.status)}`);
    expect(summary).toEqual(expect.arrayContaining(['POST /api/consents 201', 'POST /api/messages 202', 'POST /api/messages 422', 'PUT /api/compliance/retention 200']));
    expect(summary.some((x) => x.endsWith(' 403'))).toBe(false);
    expect(entries.every((e) => !String(e.target).includes('+90'))).toBe(true);
  });

  it('a route with a phone in its path records the pattern and the keyed hash, never the number', async () => {
    expect((await s.api(`/api/contacts/${encodeURIComponent(OTHER.e164)}`, { method: 'DELETE', token: s.adminToken })).status).toBe(200);
    const { entries } = await audit('action=api.request&limit=1');
    expect(entries[0]).toMatchObject({
      target: 'DELETE /api/contacts/:phone',
      subject: subjectOf(s.running.deps.db, OTHER.e164),
      actor: { kind: 'admin' },
      details: { method: 'DELETE', route: '/api/contacts/:phone', status: 200 },
    });
  });

  it('settings changes with before and after', async () => {
    const { entries } = await audit('action=retention.update');
    expect(entries[0]).toMatchObject({ actor: { kind: 'admin' }, details: { before: null, after: 90 } });
  });

  it('holds no phone number, name or message text anywhere', async () => {
    const all = JSON.stringify(await audit('limit=500'));
    for (const needle of [C.e164, C.waId, OTHER.waId, 'Ayşe', 'Kaya', 'STOP']) expect(all).not.toContain(needle);
  });
});

describe('filters and pages', () => {
  it('by family, actor, customer, target and time', async () => {
    expect((await audit('action=consent')).entries.every((e) => e.action.startsWith('consent.'))).toBe(true);
    expect((await audit(`actorId=${agentId}`)).entries.every((e) => e.actor.id === agentId)).toBe(true);
    const byPhone = await audit(`phone=${encodeURIComponent('0532 888 00 11')}`);
    expect(new Set(byPhone.entries.map((e) => e.action))).toEqual(new Set(['consent.record', 'message.send']));
    expect((await audit(`target=${message.id}`)).entries).toHaveLength(1);
    const newest = (await audit('limit=1')).entries[0]!;
    expect((await audit(`from=${newest.at + 1}`)).entries).toEqual([]);
    expect((await audit(`to=${newest.at + 1}&limit=1`)).entries[0]!.seq).toBe(newest.seq);
  });

  it('newest first, paged with before', async () => {
    const all = (await audit('limit=500')).entries;
    const first = await audit('limit=2');
    expect(first.entries.map((e) => e.seq)).toEqual(all.slice(0, 2).map((e) => e.seq));
    const next = await audit(`limit=2&before=${first.nextBefore}`);
    expect(next.entries.map((e) => e.seq)).toEqual(all.slice(2, 4).map((e) => e.seq));
  });
});

describe('integrity', () => {
  it('verifies; the database refuses edits and deletions', async () => {
    const verdict = (await (await s.api('/api/audit/verify', { token: s.adminToken })).json()) as { ok: boolean; count: number };
    expect(verdict.ok).toBe(true);
    expect(verdict.count).toBeGreaterThan(5);
    const { db } = s.running.deps;
    expect(() => db.prepare("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('an edit behind the triggers’ back breaks the chain at that entry', async () => {
    const other = await startTestServer();
    try {
      await other.api('/api/consents', { method: 'POST', json: { phone: C.e164, action: 'opt_in', method: 'paper_form' } });
      await other.api('/api/consents', { method: 'POST', json: { phone: OTHER.e164, action: 'opt_in', method: 'paper_form' } });
      const { db } = other.running.deps;
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET details_json = json_set(details_json, '$.method', 'in_person') WHERE seq = 1").run();
      const verdict = (await (await other.api('/api/audit/verify', { token: other.adminToken })).json()) as { ok: boolean; brokenAt: number };
      expect(verdict).toMatchObject({ ok: false, brokenAt: 1 });
    } finally {
      await other.close();
    }
  });
});

describe('access and bad input', () => {
  it('admin only; no token 401', async () => {
    expect((await s.api('/api/audit')).status).toBe(403);
    expect((await s.api('/api/audit/verify')).status).toBe(403);
    expect((await s.api('/api/audit', { token: null })).status).toBe(401);
  });

  it.each([
    ['action=DROP%20TABLE', 400],
    ['limit=1000', 400],
    ['before=0', 400],
    ['from=yesterday', 400],
    ['phone=12', 422],
  ])('%s → %i', async (query, status) => {
    expect((await s.api(`/api/audit?${query}`, { token: s.adminToken })).status).toBe(status);
  });
});
