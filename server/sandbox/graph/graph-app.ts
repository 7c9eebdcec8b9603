/**
 * The Graph API surface (`/graph/{vNN.N}/…`): token check first, then templates, messages and the
 * two account nodes; any other object id answers Meta's 100/33, an unknown edge on a known node
 * answers 2500 "Unknown path components".
 *
 * @module
 */
import { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { respondGraphError, unknownObjectError } from '../graph-errors';
import { graphAuth, VERSION } from './graph-request';
import { messagesRoutes } from './messages-routes';
import { templatesRoutes } from './templates-routes';

function pick(all: Record<string, unknown>, fields: string | undefined, defaults: string[]) {
  const wanted = fields ? fields.split(',').map((f) => f.trim()) : defaults;
  return Object.fromEntries([...wanted.filter((f) => f !== 'id' && f in all), 'id'].map((f) => [f, all[f]]));
}

export function graphApp(ctx: SandboxContext) {
  const { identity } = ctx;
  const phone = {
    id: identity.phoneNumberId,
    display_phone_number: `+${identity.displayPhoneNumber.slice(0, 2)} ${identity.displayPhoneNumber.slice(2)}`,
    verified_name: identity.verifiedName,
    quality_rating: 'GREEN',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    whatsapp_business_manager_messaging_limit: 'TIER_2K',
  };
  const waba = { id: identity.wabaId, name: identity.verifiedName, currency: 'TRY', timezone_id: '52', message_template_namespace: 'sandbox_namespace' };
  const knownNodes = new Set([identity.wabaId, identity.phoneNumberId]);

  return new Hono()
    .use('*', graphAuth(identity, ctx.clock))
    .route('/', templatesRoutes(ctx))
    .route('/', messagesRoutes(ctx))
    .get(`/${VERSION}/:nodeId`, (c, next) => {
      const nodeId = c.req.param('nodeId');
      const fields = c.req.query('fields');
      if (nodeId === identity.phoneNumberId) {
        return c.json(pick(phone, fields, ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput']), 200);
      }
      if (nodeId === identity.wabaId) return c.json(pick(waba, fields, ['name', 'currency', 'timezone_id', 'message_template_namespace']), 200);
      return next();
    })
    .all('*', (c) => {
      // The first segment after /graph/ is the version, unless it is not one — then Graph reads it as an id.
      const segments = c.req.path.replace(/^.*?\/graph\/?/, '').split('/').filter(Boolean);
      const versioned = /^v[0-9]+\.[0-9]+$/.test(segments[0] ?? '');
      const [nodeId = '', ...edge] = versioned ? segments.slice(1) : segments;
      if (knownNodes.has(nodeId) && edge.length > 0) {
        const msg = `Unknown path components: /${edge.join('/')}`;
        return respondGraphError(c, { code: 2500, message: msg, details: msg });
      }
      return respondGraphError(c, unknownObjectError(c.req.method, nodeId));
    });
}
