/**
 * `GET /api/consents/export` (admin): the ledger as an auditor gets it — JSON or CSV, one customer or
 * all — verified here with an independent implementation of the documented hash rules (not the
 * server's code): every record re-derives, the chain links up to the head `/verify` reports, an edited
 * row in the export is caught, and a row edited in the database shows up as a broken chain.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../shared/schemas/consent';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { customerSays } from '../consent/http';

type Exported = ConsentRecord & {
  createdAtIso: string;
  wording: { id: string; version: number | null; language: string | null; text: string | null } | null;
  agent: { id: string; name: string | null } | null;
  iys: { type: string; source: string; status: string; recipientType: string; recipient: string | null; consentDate: string };
};
type ExportBody = { consents: Exported[]; nextAfter: number | null; chain: { ok: boolean; count: number; headHash?: string; brokenAt?: number } };

const A = { e164: '+905327770011', waId: '905327770011' };
const B = { e164: '+905327770012', waId: '905327770012' };
const TICKET = { system: 'freshdesk', id: '9031', url: 'https://acme.freshdesk.com/a/tickets/9031' };

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  const post = (body: unknown) => s.api('/api/consents', { method: 'POST', json: body });
  expect((await post({ phone: A.e164, action: 'opt_in', method: 'in_person', wordingId: 'cw_tr_v1', ticket: TICKET, note: 'Kasada sözlü onay' })).status).toBe(201);
  expect((await post({ phone: B.e164, action: 'opt_in', method: 'web_form', topics: ['order_updates', 'shipping'], note: '=HYPERLINK("http://evil")' })).status).toBe(201);
  await customerSays(s, A.waId, { text: 'DUR' });
  await customerSays(s, A.waId, { text: 'BAŞLA' });
});
afterAll(() => s?.close());

// ---- an auditor's own verifier, from the documented rules (server/core/consent-hash.ts) ----
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}
const sha = (...parts: string[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');
function recordHash(prev: string, r: ConsentRecord): string {
  const digest = r.redactedAt ? r.piiDigest! : sha(r.piiSalt!, canonical({ phone: r.phone, ticket: r.ticket, note: r.note, evidence: r.evidence }));
  const f = { v: 2, id: r.id, seq: r.seq, action: r.action, method: r.method, topics: r.topics, wordingId: r.wordingId, agentId: r.agentId, createdAt: r.createdAt, piiDigest: digest };
  return sha(prev, canonical(f));
}
function auditorVerify(records: ConsentRecord[]): { ok: true; head: string } | { ok: false; brokenAt: number } {
  let prev = '0'.repeat(64);
  for (const r of records) {
    if (r.prevHash !== prev || recordHash(prev, r) !== r.hash) return { ok: false, brokenAt: r.seq };
    prev = r.hash;
  }
  return { ok: true, head: prev };
}

// ---- CSV, read back the way the export documents (RFC 4180; a leading ' guards formulas) ----
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"', i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
const orNull = <T>(s: string, f: (s: string) => T): T | null => (s === '' ? null : f(s));
const fromCsv = (r: Record<string, string>): ConsentRecord => ({
  id: r.id!, seq: Number(r.seq), phone: r.phone!, action: r.action as ConsentRecord['action'], method: r.method as ConsentRecord['method'],
  topics: JSON.parse(r.topics!) as ConsentRecord['topics'], wordingId: orNull(r.wording_id!, String), agentId: orNull(r.agent_id!, String),
  ticket: orNull(r.ticket!, JSON.parse), note: orNull(unguard(r.note!), String), evidence: orNull(r.evidence!, JSON.parse), createdAt: Number(r.created_at),
  prevHash: r.prev_hash!, hash: r.hash!, hashVersion: Number(r.hash_version) as 1 | 2, piiSalt: orNull(r.pii_salt!, String), piiDigest: orNull(r.pii_digest!, String),
  redactedAt: orNull(r.redacted_at!, Number),
});

const exportJson = async (query = '') => {
  const res = await s.api(`/api/consents/export?${query}`, { token: s.adminToken });
  expect(res.status).toBe(200);
  return (await res.json()) as ExportBody;
};

describe('the whole ledger as JSON', () => {
  it('verifies with an auditor’s own implementation, up to the head /verify reports', async () => {
    const body = await exportJson();
    const verdict = (await (await s.api('/api/consents/verify', { token: s.adminToken })).json()) as { headHash: string; count: number };
    expect(body.consents.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect(body.chain).toMatchObject({ ok: true, count: 4, headHash: verdict.headHash });
    expect(auditorVerify(body.consents)).toEqual({ ok: true, head: verdict.headHash });
  });

  it.each([
    ['an opt-out turned into an opt-in', (r: Exported) => ({ ...r, action: 'opt_in' as const })],
    ['a different note', (r: Exported) => ({ ...r, note: 'changed afterwards' })],
    ['another phone number', (r: Exported) => ({ ...r, phone: '+905320000000' })],
    ['a moved timestamp', (r: Exported) => ({ ...r, createdAt: r.createdAt - 86_400_000 })],
  ])('catches an edited row: %s', async (_label, edit) => {
    const { consents } = await exportJson();
    const edited = consents.map((r) => (r.seq === 3 ? edit(r) : r));
    expect(auditorVerify(edited)).toEqual({ ok: false, brokenAt: 3 });
  });

  it('catches a removed row', async () => {
    const { consents } = await exportJson();
    expect(auditorVerify(consents.filter((r) => r.seq !== 2))).toEqual({ ok: false, brokenAt: 3 });
  });

  it('gives each record its wording text, agent, ticket, evidence and İYS fields', async () => {
    const { consents } = await exportJson();
    const [inPerson, web, stop, start] = consents;
    expect(inPerson).toMatchObject({
      method: 'in_person',
      ticket: TICKET,
      note: 'Kasada sözlü onay',
      agent: { name: 'Test agent' },
      iys: { type: 'MESAJ', source: 'HS_FIZIKSEL_ORTAM', status: 'ONAY', recipientType: 'BIREYSEL', recipient: A.e164 },
    });
    expect(inPerson!.wording).toMatchObject({ id: 'cw_tr_v1', version: 1, language: 'tr' });
    expect(inPerson!.wording!.text).toContain('DUR');
    expect(inPerson!.wording!.text).not.toContain('{business}');
    // İYS wants Turkish local time.
    expect(inPerson!.iys.consentDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const local = new Date(inPerson!.createdAt + 3 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(inPerson!.iys.consentDate).toBe(local);
    expect(web!.iys).toMatchObject({ source: 'HS_WEB', status: 'ONAY', recipient: B.e164 });
    expect(stop).toMatchObject({ method: 'whatsapp_keyword', agent: null, iys: { source: 'HS_MESAJ', status: 'RET' } });
    expect(stop!.evidence).toMatchObject({ text: 'DUR' });
    expect(start!.wording?.text).toBeTruthy();
  });

  it('pages with after/limit', async () => {
    const first = await exportJson('limit=3');
    expect(first.consents.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(first.nextAfter).toBe(3);
    const rest = await exportJson(`after=${first.nextAfter}`);
    expect(rest.consents.map((c) => c.seq)).toEqual([4]);
    expect(rest.nextAfter).toBeNull();
  });
});

describe('one customer', () => {
  it('only their records, each re-deriving from its own fields', async () => {
    const { consents } = await exportJson(`phone=${encodeURIComponent('0532 777 00 11')}`);
    expect(consents.map((c) => [c.seq, c.phone])).toEqual([
      [1, A.e164],
      [3, A.e164],
      [4, A.e164],
    ]);
    for (const r of consents) expect(recordHash(r.prevHash, r)).toBe(r.hash);
  });
});

describe('CSV', () => {
  it('is the same ledger: read back, it verifies; the chain verdict is in the headers', async () => {
    const res = await s.api('/api/consents/export?format=csv', { token: s.adminToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="consents-ledger-/);
    expect(res.headers.get('x-chain-ok')).toBe('true');
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows.map((r) => r.iys_source)).toEqual(['HS_FIZIKSEL_ORTAM', 'HS_WEB', 'HS_MESAJ', 'HS_MESAJ']);
    const records = rows.map(fromCsv);
    expect(auditorVerify(records)).toEqual({ ok: true, head: res.headers.get('x-chain-head') });
    // A spreadsheet would run "=HYPERLINK(…)" as a formula: the cell is guarded.
    expect(rows[1]!.note).toBe(`'=HYPERLINK("http://evil")`);
    // Edit one cell of the file: caught.
    const edited = text.replace(',opt_out,whatsapp_keyword,', ',opt_in,whatsapp_keyword,');
    expect(edited).not.toBe(text);
    expect(auditorVerify(parseCsv(edited).map(fromCsv))).toEqual({ ok: false, brokenAt: 3 });
  });
});

describe('a row edited in the database', () => {
  it('makes the export report a broken chain (and /verify agrees)', async () => {
    const other = await startTestServer();
    try {
      await other.api('/api/consents', { method: 'POST', json: { phone: A.e164, action: 'opt_in', method: 'paper_form' } });
      await other.api('/api/consents', { method: 'POST', json: { phone: B.e164, action: 'opt_in', method: 'paper_form' } });
      const { db } = other.running.deps;
      db.exec('DROP TRIGGER consents_no_update');
      db.prepare("UPDATE consents SET method = 'web_form' WHERE seq = 1").run();
      const body = (await (await other.api('/api/consents/export', { token: other.adminToken })).json()) as ExportBody;
      expect(body.chain).toMatchObject({ ok: false, brokenAt: 1 });
      expect(auditorVerify(body.consents)).toEqual({ ok: false, brokenAt: 1 });
      const csv = await other.api('/api/consents/export?format=csv', { token: other.adminToken });
      expect(csv.headers.get('x-chain-ok')).toBe('false');
      expect(csv.headers.get('x-chain-broken-at')).toBe('1');
    } finally {
      await other.close();
    }
  });
});

describe('access and bad input', () => {
  it.each([
    ['format=xml', 400, 'VALIDATION_FAILED'],
    ['limit=0', 400, 'VALIDATION_FAILED'],
    ['phone=12', 422, 'INVALID_PHONE'],
  ])('%s → %i %s', async (query, status, code) => {
    const res = await s.api(`/api/consents/export?${query}`, { token: s.adminToken });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('admin only (agent 403, no token 401); every export is in the audit log', async () => {
    expect((await s.api('/api/consents/export')).status).toBe(403);
    expect((await s.api('/api/consents/export', { token: null })).status).toBe(401);
    const audit = (await (await s.api('/api/audit?action=consent.export', { token: s.adminToken })).json()) as { entries: Array<{ target: string; details: { format: string } }> };
    expect(audit.entries.length).toBeGreaterThan(3);
    expect(audit.entries.map((e) => e.details.format)).toEqual(expect.arrayContaining(['json', 'csv']));
    expect(audit.entries.some((e) => e.target === 'consents:customer')).toBe(true);
  });
});
