/**
 * Every route the Köprü app mounts, read from the Hono app itself (not a hand-kept list), with a
 * realistic request for each — the kind that WOULD do something if it were let through — so the
 * access and fuzz tests can walk all of them. `KNOWN_ROUTES` is what the app must at least mount:
 * a route that disappears, or a new one nobody added here, fails the inventory check.
 */
import { createApp } from '../../../server/app';
import type { Deps } from '../../../server/deps';
import { OPERATIONS } from '../../../server/routes/openapi';

export type Route = { method: 'GET' | 'POST'; path: string; admin: boolean };

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

/** Admin-only routes, as the app documents them (the access test checks they are enforced). */
export const ADMIN_ROUTES = new Set(
  OPERATIONS.filter((o) => o.admin).map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`),
);

/** The routes of `createApp(deps)` (the sandbox is not part of it), one entry per method + path. */
export function mountedRoutes(deps: Deps): Route[] {
  const seen = new Map<string, Route>();
  for (const r of createApp(deps).routes) {
    if (r.method !== 'GET' && r.method !== 'POST') continue;
    const path = r.path.length > 1 ? r.path.replace(/\/$/, '') : r.path;
    const key = `${r.method} ${path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path, admin: ADMIN_ROUTES.has(key) });
  }
  return [...seen.values()];
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

export type Sample = { path: string; query?: string; headers?: Record<string, string>; body?: unknown };

/**
 * A request that succeeds (or does real work) for an authorised caller. `phone` is an opted-in
 * customer, `ids` are existing objects, so a refusal in the access test is the guard's doing.
 */
export function sampleRequest(
  route: Route,
  ctx: { phone: string; messageId: string; handoffId: string; code: string; wordingId: string; entryPointId?: string; key: () => string },
): Sample {
  const fill = (p: string) =>
    p
      .replace(':phone', encodeURIComponent(ctx.phone))
      .replace(':id', route.path.startsWith('/api/handoffs') ? ctx.handoffId : route.path.startsWith('/api/entry-points') ? (ctx.entryPointId ?? 'ep_unknown') : ctx.messageId)
      .replace(':code', ctx.code)
      .replace(':name', 'order_confirmation');
  const ticket = { system: 'zendesk', id: '48213', url: 'https://acme.zendesk.com/agent/tickets/48213' };
  const bodies: Record<string, unknown> = {
    'POST /api/consents': { phone: ctx.phone, action: 'opt_in', method: 'web_form', topics: ['order_updates', 'shipping'], note: 'ticked the box on the order form' },
    'POST /api/consent-wordings': { language: 'en', text: 'I agree to get order updates from {business} on WhatsApp. Reply STOP to stop.' },
    'POST /api/optin-codes': { phone: ctx.phone, language: 'tr' },
    'POST /api/handoffs': { phone: ctx.phone, channel: 'email', ticket, customerName: 'Ayşe' },
    'POST /api/messages': { phone: ctx.phone, template: { name: 'order_confirmation', language: 'tr' }, values: { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' }, ticket },
    'POST /webhooks/whatsapp': { object: 'whatsapp_business_account', entry: [] },
    'POST /api/entry-points': { name: 'Kasa QR', source: 'qr_point_of_sale', topics: ['order_updates'] },
    'POST /api/template-settings/:name': { topic: 'order_updates' },
  };
  const queries: Record<string, string> = {
    'GET /api/templates': 'status=all',
    'GET /api/consents/export': 'after=0&limit=10',
    'GET /api/consent-wordings': 'all=true',
    'GET /webhooks/whatsapp': 'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=123',
  };
  const key = routeKey(route);
  return {
    path: fill(route.path),
    ...(queries[key] ? { query: queries[key] } : {}),
    ...(key === 'POST /api/messages' ? { headers: { 'Idempotency-Key': ctx.key() } } : {}),
    ...(bodies[key] !== undefined ? { body: bodies[key] } : {}),
  };
}
