/**
 * Property-based fuzzing (fast-check) of every route the app mounts — enumerated from the Hono app
 * itself — over real HTTP: arbitrary and mutated JSON bodies (unicode, lone surrogates, deep
 * nesting, 300 KB strings, `__proto__`/`constructor` keys), malformed JSON and raw bytes, wrong
 * content types, other methods, arbitrary query strings and path parameters, and odd headers
 * (Authorization variants, Idempotency-Key of every length and charset, Origins).
 *
 * For every case: never a 5xx; every non-2xx body is the `{ error: { code, message, details? } }`
 * envelope (shared/schemas/api-error.ts) without stack frames or file paths; a request without a
 * valid token never succeeds on an /api route; and after each route the server still answers
 * /health. At the end: no prototype was polluted, no error was logged, no secret was shown.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../../server/core/auth';
import { recordConsent } from '../../../server/core/consent-ledger';
import { SANDBOX } from '../../../server/env';
import { EXTENSION_ID } from '../../../shared/extension-id';
import type { Message } from '../../../shared/schemas/message';
import { changedTables, snapshotDb } from '../../helpers/db-snapshot';
import { checkErrorEnvelope, insideLeaks } from '../../helpers/error-envelope';
import { createLeakWatch } from '../../helpers/leak-watch';
import { rawRequest } from '../../helpers/raw-http';
import { startTestServer, waitFor } from '../../helpers/test-server';
import { contentType, headerValue, pathParam, queryString, rawBody, type RawBody } from './fuzz-arbitraries';
import { KNOWN_ROUTES, mountedRoutes, routeKey, sampleRequest, type Route } from './route-inventory';

/** Cases per route (× ~20 routes), plus the header-focused run on POST /api/messages. */
const RUNS = 90;
const HEADER_RUNS = 400;

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
// A high per-agent send rate, so the fuzz reaches the gate and the outbox instead of RATE_LIMITED.
const s = await startTestServer({ KOPRU_SENDS_PER_MINUTE: '100000' });
afterAll(() => s.close());
const watch = createLeakWatch([SANDBOX.accessToken, SANDBOX.appSecret, SANDBOX.verifyToken]);
const routes = mountedRoutes(s.running.deps);

const PHONE = '+905321234567';
recordConsent(s.running.deps, { phone: PHONE, action: 'opt_in', method: 'paper_form' });
/** Opted-in customers for valid-looking bodies (the pair rate allows only a few sends to one). */
const POOL = Array.from({ length: 300 }, (_, i) => `+9053312${String(i).padStart(3, '0')}55`);
for (const phone of POOL) recordConsent(s.running.deps, { phone, action: 'opt_in', method: 'paper_form' });
const first = (await (
  await s.api('/api/messages', {
    method: 'POST',
    headers: { 'Idempotency-Key': 'fuzz-setup-message' },
    json: { phone: PHONE, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'A', '2': 'B', '3': 'C' } },
  })
).json()) as { message: Message };
let keys = 0;
const ctx = { phone: PHONE, messageId: first.message.id, handoffId: 'hnd_x', code: 'KOPRU-ABCDE', wordingId: 'w', key: () => `fuzz-key-${++keys}` };

type Caller = 'agent' | 'admin' | 'none' | 'garbage';
type Case = {
  method: string;
  params: string[];
  query: string | null;
  contentType: string | undefined;
  body: RawBody;
  caller: Caller;
  garbageAuth: string;
  idempotencyKey: string | null;
  origin: string | null;
};

const ALLOWED_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
let total = 0;
let unsendable = 0;

function caseArb(route: Route): fc.Arbitrary<Case> {
  const sample = sampleRequest(route, ctx);
  const validParams = [...sample.path.matchAll(/[^/]+/g)].map((m) => m[0]).slice(route.path.split('/').filter(Boolean).findIndex((seg) => seg.startsWith(':')));
  const paramCount = (route.path.match(/:\w+/g) ?? []).length;
  // Mostly callers the server must serve (so the fuzz reaches validation and the handlers), some not.
  return fc.record({
    method: fc.oneof({ weight: 9, arbitrary: fc.constant<string>(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') }),
    params: fc.oneof(
      { weight: 1, arbitrary: fc.constant(validParams.slice(0, paramCount)) },
      { weight: 2, arbitrary: fc.array(pathParam, { minLength: paramCount, maxLength: paramCount }) },
    ),
    query: fc.oneof({ weight: 2, arbitrary: fc.constant(sample.query ?? null) }, { weight: 1, arbitrary: fc.option(queryString, { freq: 4 }) }) as fc.Arbitrary<string | null>,
    contentType,
    body: rawBody(
      sample.body && typeof sample.body === 'object' && 'phone' in sample.body
        ? fc.constantFrom(...POOL).map((phone) => ({ ...(sample.body as object), phone }))
        : fc.constant(sample.body ?? {}),
    ),
    caller: fc.constantFrom<Caller>('agent', 'agent', 'agent', 'agent', 'admin', 'admin', 'admin', 'none', 'garbage'),
    garbageAuth: fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`)),
    idempotencyKey: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).map(() => ctx.key()) },
      { weight: 1, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    origin: fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example', 'null', `chrome-extension://${'q'.repeat(32)}`, `chrome-extension://${'a'.repeat(32)}`) },
    ),
  });
}

type Outcome = { status: number; contentType: string | null; location: string | null; text: string; closed?: true };

/** An early 413 may close the connection while a big body is still being written (RFC 9110 §15.5.14). */
const SMALLEST_BODY_LIMIT = 16 * 1024;
const byteLength = (b: RawBody['body']) => (b === undefined ? 0 : typeof b === 'string' ? Buffer.byteLength(b) : b.byteLength);

async function send(route: Route, c: Case): Promise<Outcome> {
  let i = 0;
  const path = route.path.replace(/:\w+/g, () => c.params[i++] ?? 'x');
  const headers: Record<string, string> = {};
  if (c.caller === 'agent') headers.authorization = `Bearer ${s.agentToken}`;
  if (c.caller === 'admin') headers.authorization = `Bearer ${s.adminToken}`;
  if (c.caller === 'garbage') headers.authorization = c.garbageAuth;
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  if (c.idempotencyKey !== null) headers['idempotency-key'] = c.idempotencyKey;
  if (c.origin !== null) headers.origin = c.origin;
  const withBody = c.method !== 'GET' && c.body.body !== undefined;
  total += 1;
  const url = `${s.url}${path}${c.query ? `?${c.query}` : ''}`;
  const out = await rawRequest(url, { method: c.method, headers, ...(withBody ? { body: c.body.body } : {}) });
  if (!out.ok) {
    // Node itself refused to send it (a header it will not put on the wire): nothing reached the server.
    if ((out.error as { code?: string }).code?.startsWith('ERR_INVALID')) {
      unsendable += 1;
      return { status: 0, contentType: null, location: null, text: '', closed: true };
    }
    if (!withBody || byteLength(c.body.body) <= SMALLEST_BODY_LIMIT) throw out.error;
    // The server refused a big body early and closed the connection: fine, if it is still up.
    if ((await fetch(`${s.url}/health`)).status !== 200) throw new Error('the server is down after a big body');
    return { status: 413, contentType: null, location: null, text: '', closed: true };
  }
  const { status, headers: h, text } = out.response;
  watch.scan(`${c.method} ${new URL(url).pathname} → ${status}`, `${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
  return { status, contentType: h['content-type'] ?? null, location: h.location ?? null, text };
}

/** What the fuzz injects to see whether a page reflects it unescaped. */
const XSS_MARKER = '<script>alert(1)</script>';

/** Customer-facing pages (a customer's browser): HTML is their language, but the same hygiene. */
function pageProblem(r: Outcome): string | null {
  if (r.contentType?.includes('text/html') && r.text.includes(XSS_MARKER)) return 'an HTML page reflecting <script> unescaped';
  if (r.status >= 300 && r.status < 400) {
    if (!r.location || /^\s*(javascript|data|vbscript):/i.test(r.location)) return `a ${r.status} to ${r.location}`;
    return null;
  }
  if (r.status >= 400 && r.contentType?.includes('application/json')) {
    const check = checkErrorEnvelope(r.status, r.contentType, r.text);
    return check.ok ? null : check.problem;
  }
  if (r.status >= 400 && !/^text\/(html|plain)/.test(r.contentType ?? '')) return `a ${r.status} with content type ${r.contentType}`;
  const leaks = insideLeaks(r.text);
  return leaks.length ? `a ${r.status} page showing ${leaks.join(', ')}` : null;
}

/** Why a response breaks the rules, or null. */
function problem(route: Route, c: Case, r: Outcome): string | null {
  if (r.closed) return null;
  if (r.status >= 500) return `a ${r.status}: ${r.text.slice(0, 200)}`;
  if (route.surface === 'customer-page') return pageProblem(r);
  if (r.status >= 300) {
    const check = checkErrorEnvelope(r.status, r.contentType, r.text);
    if (!check.ok) return check.problem;
  } else {
    const leaks = insideLeaks(r.text);
    if (leaks.length) return `a 2xx showing ${leaks.join(', ')}`;
  }
  // Without a valid token (or from a web page) nothing under /api may succeed.
  const unauthorised = c.caller === 'none' || c.caller === 'garbage' || (c.origin !== null && !isAllowedOrigin(c.origin, s.running.deps.config.allowedOrigins));
  if (route.surface === 'api' && unauthorised && r.status < 300) return `a ${r.status} without a valid token or from a foreign origin`;
  return null;
}

describe('the enumeration', () => {
  it('comes from the app, covers every known route, and knows the rules of each', () => {
    expect(routes.length).toBeGreaterThanOrEqual(KNOWN_ROUTES.length);
    expect(KNOWN_ROUTES.filter((k) => !routes.some((r) => routeKey(r) === k))).toEqual([]);
    expect(routes.filter((r) => r.surface === null).map(routeKey)).toEqual([]);
  });
});

describe('every route survives arbitrary requests', () => {
  it.each(routes.map((r) => [routeKey(r), r] as const))('%s', async (_key, route) => {
    const quiet = route.path === '/webhooks/whatsapp' && route.method === 'POST';
    // Unsigned webhook posts must change nothing at all: fingerprint the database around them.
    if (quiet) await waitFor(() => s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE status NOT IN ('read', 'failed')").pluck().get() === 0, 10_000);
    const before = quiet ? snapshotDb(s.running.deps.db) : null;
    await fc.assert(
      fc.asyncProperty(caseArb(route), async (c) => {
        const r = await send(route, c);
        const p = problem(route, c, r);
        if (p) throw new Error(`${c.method} ${routeKey(route)} (${c.body.kind}, caller ${c.caller}) → ${p}`);
        if (quiet && r.status !== 401 && r.status !== 413 && c.method === 'POST') throw new Error(`unsigned webhook answered ${r.status}`);
      }),
      { numRuns: RUNS },
    );
    if (before) expect(changedTables(before, snapshotDb(s.running.deps.db))).toEqual([]);
    const health = await fetch(`${s.url}/health`);
    expect(health.status).toBe(200);
  });

  it('POST /api/messages with odd headers: Idempotency-Key of every length and charset, Authorization variants', async () => {
    const route = routes.find((r) => routeKey(r) === 'POST /api/messages')!;
    const sample = sampleRequest(route, ctx);
    const authVariants = fc.oneof(
      fc.constant(`Bearer ${s.agentToken}`),
      fc.constant(`bearer ${s.agentToken}`),
      fc.constant(`BEARER\t${s.agentToken}`),
      fc.constant(`Bearer   ${s.agentToken}`),
      fc.constant(`Bearer ${s.agentToken.toUpperCase()}`),
      fc.constant(`Bearer ${s.agentToken.slice(0, -1)}`),
      fc.constant(`Token ${s.agentToken}`),
      headerValue,
    );
    await fc.assert(
      fc.asyncProperty(authVariants, fc.option(headerValue, { freq: 8 }), fc.boolean(), async (auth, key, validBody) => {
        const headers: Record<string, string> = { authorization: auth, 'content-type': 'application/json' };
        if (key !== null) headers['idempotency-key'] = key;
        const res = await watch.fetch(`${s.url}/api/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify(validBody ? sample.body : { phone: PHONE, text: 'Merhaba' }),
        });
        total += 1;
        const text = await res.text();
        const r: Outcome = { status: res.status, contentType: res.headers.get('content-type'), location: null, text };
        const validAuth = /^bearer\s+(\S+)$/i.exec(auth)?.[1] === s.agentToken;
        const p = problem(route, { caller: validAuth ? 'agent' : 'garbage', origin: null } as Case, r);
        if (p) throw new Error(`auth ${JSON.stringify(auth)} key ${JSON.stringify(key)} → ${p}`);
        const trimmed = key?.trim() ?? '';
        // The contract: a missing/blank key is 428, a key outside 8–200 characters is 400 — never a send.
        if (validAuth && trimmed === '' && res.status !== 428) throw new Error(`blank key answered ${res.status}`);
        if (validAuth && trimmed !== '' && (trimmed.length < 8 || trimmed.length > 200) && res.status !== 400) throw new Error(`key of ${trimmed.length} characters answered ${res.status}`);
      }),
      { numRuns: HEADER_RUNS },
    );
  });
});

describe('found by the fuzz', () => {
  it.each([
    ['multipart/form-data without a boundary', 'multipart/form-data', ''],
    ['a multipart body that does not match its boundary', 'multipart/form-data; boundary=xyz', 'not a multipart body'],
    ['a truncated multipart part', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="topics"\r\n\r\nord'],
  ])('a customer page posted %s answers a page, not a 500', async (_label, contentType, body) => {
    for (const path of ['/preferences/not-a-token', '/optin/not-a-slug']) {
      const out = await rawRequest(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
      if (!out.ok) throw out.error;
      expect(out.response.status, `${path}: ${out.response.text.slice(0, 200)}`).toBeLessThan(500);
    }
  });
});

describe('after thousands of hostile requests', () => {
  it('nothing polluted a prototype, nothing was logged as an error, no secret was shown', async () => {
    expect(total).toBeGreaterThan(routes.length * RUNS);
    expect(unsendable).toBeLessThan(total / 100);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined]);
    expect(s.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    for (const line of s.logs) watch.scan('log', line);
    expect(await watch.findings()).toEqual([]);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});
