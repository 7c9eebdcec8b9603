/**
 * Assembles the HTTP app: cross-cutting middleware, then one `.route()` per resource. Nothing else.
 * @module
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './core/app-env';
import { auditRequests } from './core/audit-requests';
import { fastBodyLimit } from './core/body-limit';
import { authenticate, isAllowedOrigin, originGuard } from './core/auth';
import type { Deps } from './deps';
import { ApiError, notFound, onError } from './errors';
import { alertsRoute } from './routes/alerts';
import { analyticsRoute } from './routes/analytics';
import { auditRoute } from './routes/audit';
import { complianceRoute, contactErasureRoute } from './routes/compliance';
import { consentWordingsRoute } from './routes/consent-wordings';
import { consentsRoute } from './routes/consents';
import { contactsRoute } from './routes/contacts';
import { engagementRoute } from './routes/engagement';
import { entryPointsRoute } from './routes/entry-points';
import { eventsRoute } from './routes/events';
import { handoffsRoute } from './routes/handoffs';
import { meRoute } from './routes/me';
import { optinCodesRoute } from './routes/optin-codes';
import { messagesRoute } from './routes/messages';
import { openapiRoute } from './routes/openapi';
import { priceRoute } from './routes/price';
import { preferencesRoute } from './routes/preferences';
import { publicOptinRoute } from './routes/public-optin';
import { redirectsRoute } from './routes/redirects';
import { templateSettingsRoute } from './routes/template-settings';
import { templateAdminRoute } from './routes/template-admin';
import { templatesRoute } from './routes/templates';
import { whatsappWebhookRoute } from './routes/whatsapp-webhook';

const API_BODY_LIMIT = 256 * 1024;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApp(deps: Deps, opts: { sandbox?: Hono } = {}) {
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.onError(onError(deps.log));
  app.notFound(notFound);

  app.get('/health', (c) =>
    c.json({ status: 'ok' as const, mode: config.mode, time: deps.clock.now(), phoneNumberId: config.whatsapp.phoneNumberId }, 200),
  );

  const corsMiddleware = cors({
    origin: (o) => (isAllowedOrigin(o, config.allowedOrigins) ? o : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    maxAge: 600,
  });
  const limitMiddleware = fastBodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: () => {
      // The rest of the body is never read, so the connection cannot be reused: close it.
      throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${API_BODY_LIMIT / 1024} KB.`, undefined, {
        Connection: 'close',
      });
    },
  });
  app.use(
    '/api/*',
    // Both are skipped where they have nothing to do: measured, they pushed every request off
    // @hono/node-server's fast path (a full Request built, the response read back through a stream).
    (c, next) => (c.req.header('origin') === undefined ? next() : corsMiddleware(c, next)),
    originGuard(config.allowedOrigins),
    (c, next) => (BODYLESS.has(c.req.method) ? next() : limitMiddleware(c, next)),
    authenticate(deps.db),
    auditRequests(deps),
  );

  if (opts.sandbox) app.route('/sandbox', opts.sandbox);

  return app
    .route('/api/me', meRoute())
    .route('/api/contacts', contactsRoute(deps))
    .route('/api/consents', consentsRoute(deps))
    .route('/api/consent-wordings', consentWordingsRoute(deps))
    .route('/api/optin-codes', optinCodesRoute(deps))
    .route('/api/handoffs', handoffsRoute(deps))
    .route('/api/events', eventsRoute(deps))
    .route('/api/templates', templatesRoute(deps))
    .route('/api/messages', messagesRoute(deps))
    .route('/api/openapi.json', openapiRoute())
    .route('/api/templates', templateAdminRoute(deps))
    .route('/api/contacts', contactErasureRoute(deps))
    .route('/api/price', priceRoute(deps))
    .route('/api/analytics', analyticsRoute(deps))
    .route('/api/alerts', alertsRoute(deps))
    .route('/api/audit', auditRoute(deps))
    .route('/api/compliance', complianceRoute(deps))
    .route('/api/entry-points', entryPointsRoute(deps))
    .route('/api/template-settings', templateSettingsRoute(deps))
    .route('/api/analytics', engagementRoute(deps))
    // Customer-facing pages (no login; their own guards): opt-in, preference centre, tracked links.
    .route('/optin', publicOptinRoute(deps))
    .route('/preferences', preferencesRoute(deps))
    .route('/r', redirectsRoute(deps))
    .route('/webhooks/whatsapp', whatsappWebhookRoute(deps));
}

export type AppType = ReturnType<typeof createApp>;
