/**
 * Access matrix: every route the app mounts (read from the app) × every way of knocking without the
 * right to enter — no token, an unknown token, malformed Authorization headers, a token in the URL,
 * a revoked token, an agent on an admin route, a web page's Origin — is refused with the right code
 * and the error envelope, and changes nothing: the whole database is fingerprinted before and after,
 * and "Meta" accepted no message. Each request carries a real body that would change things if it
 * got through (a positive control at the end proves that it would).
 *
 * The webhook route: bad, missing and reused-body signatures on a real STOP → 401, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { createAgent, revokeAgent } from '../../../server/db/agents-repo';
import { SANDBOX } from '../../../server/env';
import { signMetaBody } from '../../../server/whatsapp/signature';
import { EXTENSION_ID } from '../../../shared/extension-id';
import type { Message } from '../../../shared/schemas/message';
import { changedTables, snapshotDb } from '../../helpers/db-snapshot';
import { checkErrorEnvelope } from '../../helpers/error-envelope';
import { createLeakWatch } from '../../helpers/leak-watch';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { ADMIN_ROUTES, hasRealSample, KNOWN_ROUTES, mountedRoutes, routeKey, sampleRequest, type Route, type Sample, type SampleContext } from './route-inventory';

let s: TestServer;
let routes: Route[];
let revokedAdmin: string;
let revokedAgent: string;
let ctx: SampleContext;
const watch = createLeakWatch([SANDBOX.accessToken, SANDBOX.appSecret, SANDBOX.verifyToken]);
const CUSTOMER = { e164: '+905427770155', waId: '905427770155' };
let keyCounter = 0;

beforeAll(async () => {
  s = await startTestServer();
  const { db, clock } = s.running.deps;
  routes = mountedRoutes(s.running.deps);
  const admin = createAgent(db, { name: 'Former admin', role: 'admin', now: clock.now() });
  const agent = createAgent(db, { name: 'Former agent', role: 'agent', now: clock.now() });
  revokeAgent(db, admin.agent.id, clock.now());
  revokeAgent(db, agent.agent.id, clock.now());
  revokedAdmin = admin.token;
  revokedAgent = agent.token;
  recordConsent(s.running.deps, { phone: CUSTOMER.e164, action: 'opt_in', method: 'paper_form' });
  const sent = (await (
    await s.api('/api/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'access-matrix-setup' },
      json: { phone: CUSTOMER.e164, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'A', '2': 'B', '3': 'C' } },
    })
  ).json()) as { message: Message };
  const handoff = (await (await s.api('/api/handoffs', { method: 'POST', json: { channel: 'chat', ticket: { system: 'zendesk', id: '1' } } })).json()) as { handoff: { id: string } };
  const code = (await (await s.api('/api/optin-codes', { method: 'POST', json: {} })).json()) as { code: string };
  const wordings = (await (await s.api('/api/consent-wordings')).json()) as { wordings: Array<{ id: string }> };
  const entryPoint = (await (
    await s.api('/api/entry-points', { method: 'POST', token: s.adminToken, json: { name: 'Access matrix', source: 'website_popup', topics: ['order_updates'] } })
  ).json()) as { entryPoint: { id: string } };
  ctx = {
    phone: CUSTOMER.e164,
    messageId: sent.message.id,
    handoffId: handoff.handoff.id,
    code: code.code,
    wordingId: wordings.wordings[0]!.id,
    entryPointId: entryPoint.entryPoint.id,
    expendablePhone: '+905427770255',
    key: () => `access-key-${++keyCounter}`,
  };
  recordConsent(s.running.deps, { phone: ctx.expendablePhone!, action: 'opt_in', method: 'paper_form' });
  // Let the setup message settle (delivered/read webhooks) so the database is quiet from here on.
  await waitFor(async () => ['read'].includes(((await (await s.api(`/api/messages/${ctx.messageId}`)).json()) as { message: Message }).message.status));
});
afterAll(() => s?.close());

type Knock = { label: string; headers: (sample: Sample) => Record<string, string>; query?: string; expect: { status: number; code: string } };

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const FOREIGN_ORIGINS = ['https://evil.example', 'null', 'http://127.0.0.1:5173', `chrome-extension://${'z'.repeat(32)}`, `moz-extension://${EXTENSION_ID}`, `chrome-extension://${EXTENSION_ID}.evil.example`];

const knocks = (): Knock[] => [
  { label: 'no token', headers: () => ({}), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'an unknown token', headers: () => bearer('kpr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'Basic auth with the admin token', headers: () => ({ authorization: `Basic ${s.adminToken}` }), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: '"Bearer" without a token', headers: () => ({ authorization: 'Bearer' }), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'the admin token with a suffix', headers: () => bearer(`${s.adminToken}x`), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'the admin token and a second word', headers: () => ({ authorization: `Bearer ${s.adminToken} ${s.adminToken}` }), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'the admin token in the URL instead of the header', headers: () => ({}), query: `access_token=${encodeURIComponent('')}`, expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'a revoked admin token', headers: () => bearer(revokedAdmin), expect: { status: 401, code: 'UNAUTHORIZED' } },
  { label: 'a revoked agent token', headers: () => bearer(revokedAgent), expect: { status: 401, code: 'UNAUTHORIZED' } },
  ...FOREIGN_ORIGINS.map((origin) => ({
    label: `the admin token from Origin ${origin}`,
    headers: () => ({ ...bearer(s.adminToken), origin }),
    expect: { status: 403, code: 'ORIGIN_NOT_ALLOWED' },
  })),
];

async function knock(route: Route, sample: Sample, headers: Record<string, string>, extraQuery?: string) {
  const query = [sample.query, extraQuery].filter(Boolean).join('&');
  const h: Record<string, string> = { ...sample.headers, ...headers };
  if (sample.body !== undefined) h['content-type'] = 'application/json';
  const res = await watch.fetch(`${s.url}${sample.path}${query ? `?${query}` : ''}`, {
    method: route.method,
    headers: h,
    ...(sample.body !== undefined ? { body: JSON.stringify(sample.body) } : {}),
  });
  const text = res.headers.get('content-type')?.includes('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text };
}

describe('the route inventory', () => {
  it('is read from the app, covers every known route, and knows the rules of every mounted one', () => {
    const mounted = routes.map(routeKey);
    expect(mounted.length).toBeGreaterThanOrEqual(KNOWN_ROUTES.length);
    expect(KNOWN_ROUTES.filter((r) => !mounted.includes(r))).toEqual([]);
    expect(routes.filter((r) => r.surface === null).map(routeKey)).toEqual([]);
    // Every documented admin route is mounted, and the original four are among them.
    expect([...ADMIN_ROUTES].filter((r) => !mounted.includes(r))).toEqual([]);
    expect(routes.filter((r) => r.admin).map(routeKey)).toEqual(
      expect.arrayContaining(['GET /api/consents/export', 'GET /api/consents/verify', 'POST /api/consent-wordings', 'POST /api/templates/sync']),
    );
  });
});

describe('every /api route × every refused caller', () => {
  it('is refused with the right code and the envelope, and nothing changes', async () => {
    const { db } = s.running.deps;
    const before = snapshotDb(db);
    const acceptedBefore = ((await (await fetch(`${s.url}/sandbox/control/sent`)).json()) as { messages: unknown[] }).messages.length;
    const failures: string[] = [];
    let cases = 0;
    const apiRoutes = routes.filter((r) => r.surface === 'api');
    for (const route of apiRoutes) {
      const all: Knock[] = [...knocks()];
      // The admin token in the URL: give it for real on this knock.
      all[6] = { ...all[6]!, query: `access_token=${encodeURIComponent(s.adminToken)}` };
      if (route.admin) all.push({ label: 'an agent on an admin route', headers: () => bearer(s.agentToken), expect: { status: 403, code: 'FORBIDDEN' } });
      for (const k of all) {
        const sample = sampleRequest(route, ctx);
        const res = await knock(route, sample, k.headers(sample), k.query);
        cases += 1;
        const envelope = checkErrorEnvelope(res.status, res.contentType, res.text);
        if (res.status !== k.expect.status || !envelope.ok || envelope.code !== k.expect.code) {
          failures.push(`${routeKey(route)} with ${k.label}: ${res.status} ${envelope.ok ? envelope.code : envelope.problem}`);
        }
      }
    }
    // An agent asking for the admins' view of templates.
    const templatesAll = await knock({ method: 'GET', path: '/api/templates', admin: false, surface: 'api' }, { path: '/api/templates', query: 'status=all' }, bearer(s.agentToken));
    expect(templatesAll.status).toBe(403);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(apiRoutes.length * 15);
    expect(changedTables(before, snapshotDb(db))).toEqual([]);
    const acceptedAfter = ((await (await fetch(`${s.url}/sandbox/control/sent`)).json()) as { messages: unknown[] }).messages.length;
    expect(acceptedAfter).toBe(acceptedBefore);
  });

  it('positive control: the same requests with the right token get through, and the writes do change the database', async () => {
    const { db } = s.running.deps;
    // Erasure last: it is the one write that removes what the others point at.
    const ordered = routes.filter((r) => r.surface === 'api').sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const route of ordered) {
      const before = snapshotDb(db);
      const sample = sampleRequest(route, ctx);
      const res = await knock(route, sample, bearer(s.adminToken));
      const what = `${routeKey(route)} → ${res.status} ${res.text.slice(0, 200)}`;
      expect([401, 403], what).not.toContain(res.status);
      expect(res.status, what).toBeLessThan(500);
      if (!hasRealSample(route)) continue;
      expect(res.status, what).toBeLessThan(300);
      if (route.method === 'POST' && route.path !== '/api/templates/sync') {
        expect(changedTables(before, snapshotDb(db)), routeKey(route)).not.toEqual([]);
      }
    }
  });
});

describe('POST /webhooks/whatsapp refuses what Meta did not sign', () => {
  const stopBody = (wamid: string) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: SANDBOX.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: SANDBOX.businessNumber, phone_number_id: SANDBOX.phoneNumberId },
                contacts: [{ profile: { name: 'Ayşe' }, wa_id: CUSTOMER.waId }],
                messages: [{ from: CUSTOMER.waId, id: wamid, timestamp: String(Math.floor(s.running.deps.clock.now() / 1000)), type: 'text', text: { body: 'STOP' } }],
              },
            },
          ],
        },
      ],
    });
  const post = (body: string, signature: string | null) =>
    watch.fetch(`${s.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
      body,
    });

  it('bad, missing and reused-body signatures → 401 WEBHOOK_SIGNATURE_INVALID; nothing stored, nobody opted out, nothing sent', async () => {
    const { db } = s.running.deps;
    // Quiet first: earlier sends finish their delivered/read webhooks before the fingerprint.
    await waitFor(() => db.prepare("SELECT COUNT(*) FROM messages WHERE status NOT IN ('read', 'failed')").pluck().get() === 0);
    // A body Meta really signed earlier (an empty batch, accepted)…
    const earlier = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const earlierSignature = signMetaBody(earlier, SANDBOX.appSecret);
    expect((await post(earlier, earlierSignature)).status).toBe(200);
    const stop = stopBody('wamid.forged-stop-1');
    const right = signMetaBody(stop, SANDBOX.appSecret);
    const cases: Array<[string, string, string | null]> = [
      ['no signature', stop, null],
      ['an empty header', stop, ''],
      ['garbage', stop, 'sha256=not-hex'],
      ['sha1 instead of sha256', stop, `sha1=${right.slice(7, 47)}`],
      ['the hex without the sha256= prefix', stop, right.slice(7)],
      ['a signature with another secret', stop, signMetaBody(stop, 'another-app-secret')],
      ['the verify token as the secret', stop, signMetaBody(stop, SANDBOX.verifyToken)],
      ['the signature of an earlier, genuine body (reused)', stop, earlierSignature],
      ['the right signature on a body changed after signing', `${stop} `, right],
      ['the right signature on a body with a second STOP appended', stop.replace('"STOP"', '"STOP","x":"y"'), right],
      ['the right signature truncated', stop, right.slice(0, -2)],
    ];
    const before = snapshotDb(db);
    for (const [label, body, signature] of cases) {
      const res = await post(body, signature);
      const check = checkErrorEnvelope(res.status, res.headers.get('content-type'), await res.text());
      expect([label, res.status, check.ok && check.code]).toEqual([label, 401, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect(changedTables(before, snapshotDb(db))).toEqual([]);
    const contact = (await (await s.api(`/api/contacts/${encodeURIComponent(CUSTOMER.e164)}`)).json()) as { contact: { consent: { status: string } } };
    expect(contact.contact.consent.status).toBe('opted_in');

    // Positive control: signed with the app secret, the same STOP opts the customer out.
    expect((await post(stop, right)).status).toBe(200);
    const after = (await (await s.api(`/api/contacts/${encodeURIComponent(CUSTOMER.e164)}`)).json()) as { contact: { consent: { status: string } } };
    expect(after.contact.consent.status).toBe('opted_out');
  });
});

describe('secrets', () => {
  it('the Meta access token, app secret and verify token appear in no response and no log line', async () => {
    for (const line of s.logs) watch.scan('log', line);
    expect(watch.scanned).toBeGreaterThan(100);
    expect(await watch.findings()).toEqual([]);
  });
});
