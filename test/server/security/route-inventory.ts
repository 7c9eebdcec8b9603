/**
 * Every route the Köprü app mounts, read from the Hono app itself (not a hand-kept list), with a
 * realistic request for each — the kind that WOULD do something if it were let through — so the
 * access and fuzz tests can walk all of them. `KNOWN_ROUTES` is what the app must at least mount
 * (a route that disappears fails the inventory check); a mounted route outside the known surfaces
 * (`surfaceOf`) fails it too.
 */
import { createApp } from '../../../server/app';
import type { Deps } from '../../../server/deps';
import { OPERATIONS } from '../../../server/routes/openapi';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Which rules a route answers to: `api` — bearer token, origin guard, JSON envelope; `webhook` —
 * Meta's signature; `customer-page` — public pages a customer's browser opens (HTML, own guards);
 * `health`. A mounted route under none of these is an area this suite does not know how to judge.
 */
export type Surface = 'api' | 'webhook' | 'customer-page' | 'health';

export type Route = { method: Method; path: string; admin: boolean; surface: Surface | null };

const CUSTOMER_PAGES = ['/optin/', '/preferences/', '/r/'];

export function surfaceOf(path: string): Surface | null {
  if (path === '/health') return 'health';
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/webhooks/')) return 'webhook';
  if (CUSTOMER_PAGES.some((p) => path.startsWith(p))) return 'customer-page';
  return null;
}

/**
 * Routes the app must at least mount (the enumeration is checked against it, so a broken walk of
 * the app cannot pass for an empty one). New routes need not be added here: the tests walk whatever
 * the app mounts; they only need a surface (`surfaceOf`).
 */
export const KNOWN_ROUTES = [
  'GET /health',
  'GET /api/me',
  'GET /api/contacts/:phone',
  'POST /api/consents',
  'GET /api/consents/verify',
  'GET /api/consents/export',
  'GET /api/consent-wordings',
  'POST /api/consent-wordings',
  'POST /api/optin-codes',
  'GET /api/optin-codes/:code',
  'POST /api/handoffs',
  'GET /api/handoffs/:id',
  'GET /api/events',
  'GET /api/templates',
  'POST /api/templates/sync',
  'POST /api/messages',
  'GET /api/messages/:id',
  'GET /api/openapi.json',
  'GET /webhooks/whatsapp',
  'POST /webhooks/whatsapp',
  // The customer side (issue 7): entry points, template settings, survey/click figures, public pages.
  'POST /api/entry-points',
  'GET /api/entry-points',
  'GET /api/entry-points/:id/qr.svg',
  'GET /api/entry-points/:id/qr.png',
  'GET /api/entry-points/:id/card',
  'GET /api/template-settings',
  'POST /api/template-settings/:name',
  'GET /api/analytics/surveys',
  'GET /api/analytics/clicks',
  'GET /optin/:slug',
  'POST /optin/:slug',
  'GET /preferences/:token',
  'POST /preferences/:token',
  'GET /r/:code',
] as const;

/**
 * Admin-only routes, as the app documents them in its OpenAPI operations (the access test checks
 * each is enforced). A new admin route is covered as soon as it is documented.
 */
export const ADMIN_ROUTES = new Set(
  OPERATIONS.filter((o) => o.admin).map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`),
);

/** The routes of `createApp(deps)` (the sandbox is not part of it), one entry per method + path. */
export function mountedRoutes(deps: Deps): Route[] {
  const seen = new Map<string, Route>();
  for (const r of createApp(deps).routes) {
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) continue;
    const path = r.path.length > 1 ? r.path.replace(/\/$/, '') : r.path;
    const key = `${r.method} ${path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method as Method, path, admin: ADMIN_ROUTES.has(key), surface: surfaceOf(path) });
  }
  return [...seen.values()];
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

export type Sample = { path: string; query?: string; headers?: Record<string, string>; body?: unknown };

export type SampleContext = {
  /** An opted-in customer. */
  phone: string;
  /** For routes that destroy a customer's data (erasure): never the customer the test relies on. */
  expendablePhone?: string;
  messageId: string;
  handoffId: string;
  code: string;
  wordingId: string;
  entryPointId?: string;
  key: () => string;
};

const TICKET = { system: 'zendesk', id: '48213', url: 'https://acme.zendesk.com/agent/tickets/48213' };

/** Bodies of writes that should succeed for an authorised caller. */
const SAMPLE_BODIES: Record<string, (ctx: SampleContext) => unknown> = {
  'POST /api/consents': (ctx) => ({ phone: ctx.phone, action: 'opt_in', method: 'web_form', topics: ['order_updates', 'shipping'], note: 'ticked the box on the order form' }),
  'POST /api/consent-wordings': () => ({ language: 'en', text: 'I agree to get order updates from {business} on WhatsApp. Reply STOP to stop.' }),
  'POST /api/optin-codes': (ctx) => ({ phone: ctx.phone, language: 'tr' }),
  'POST /api/handoffs': (ctx) => ({ phone: ctx.phone, channel: 'email', ticket: TICKET, customerName: 'Ayşe' }),
  'POST /api/messages': (ctx) => ({ phone: ctx.phone, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' }, ticket: TICKET }),
  'POST /webhooks/whatsapp': () => ({ object: 'whatsapp_business_account', entry: [] }),
  'POST /api/entry-points': () => ({ name: 'Kasa QR', source: 'qr_point_of_sale', topics: ['order_updates'] }),
  'POST /api/template-settings/:name': () => ({ topic: 'order_updates' }),
};

const SAMPLE_QUERIES: Record<string, (ctx: SampleContext) => string> = {
  'GET /api/templates': () => 'status=all',
  'GET /api/consents/export': () => 'after=0&limit=10',
  'GET /api/consent-wordings': () => 'all=true',
  'GET /api/price': (ctx) => `phone=${encodeURIComponent(ctx.phone)}`,
  'GET /webhooks/whatsapp': () => 'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=123',
};

/**
 * Whether `sampleRequest` knows a request that should succeed for this route; for the others the
 * access test only checks that the right caller is not refused.
 */
export const hasRealSample = (r: Pick<Route, 'method' | 'path'>) => {
  const key = routeKey(r);
  return key in SAMPLE_BODIES || key in SAMPLE_QUERIES || (r.method === 'GET' && (KNOWN_ROUTES as readonly string[]).includes(key));
};

/**
 * A request that succeeds (or does real work) for an authorised caller: `phone` is an opted-in
 * customer and the ids exist, so a refusal in the access test is the guard's doing. Writes without
 * a known body still carry one (`{}`).
 */
export function sampleRequest(route: Pick<Route, 'method' | 'path'>, ctx: SampleContext): Sample {
  const phone = route.method === 'DELETE' ? (ctx.expendablePhone ?? '+905320000055') : ctx.phone;
  const path = route.path
    .replace(':phone', encodeURIComponent(phone))
    .replace(':id', route.path.startsWith('/api/handoffs') ? ctx.handoffId : route.path.startsWith('/api/entry-points') ? (ctx.entryPointId ?? 'ep_unknown') : ctx.messageId)
    .replace(':code', ctx.code)
    .replace(':name', 'order_confirmation');
  const key = routeKey(route);
  const body = SAMPLE_BODIES[key]?.(ctx) ?? (route.method === 'GET' ? undefined : {});
  return {
    path,
    ...(SAMPLE_QUERIES[key] ? { query: SAMPLE_QUERIES[key](ctx) } : {}),
    ...(key === 'POST /api/messages' ? { headers: { 'Idempotency-Key': ctx.key() } } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}
