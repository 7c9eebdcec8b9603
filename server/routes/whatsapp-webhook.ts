/**
 * `GET/POST /webhooks/whatsapp` — Meta's callback (not under /api: no bearer token; Meta proves
 * itself with the verify token on GET and the app-secret signature on POST).
 *
 * POST order matters: read the RAW bytes, check `X-Hub-Signature-256` over exactly them (Meta's
 * `\uXXXX` escaping means re-serialised JSON would not match), and only then parse. A bad or
 * missing signature → 401 with nothing stored. The work is synchronous database updates (fast);
 * nothing awaits a Graph call, so Meta gets its 200 quickly (§5.7) and the sandbox's sequential
 * dispatcher is never held up.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { MetaWebhook } from '../../shared/schemas/meta-webhook';
import type { AppEnv } from '../core/app-env';
import { fastBodyLimit } from '../core/body-limit';
import { processWebhook } from '../core/webhook-events';
import type { Deps } from '../deps';
import { errorBody, fail, issueDetails, validate } from '../errors';
import { verifyMetaSignature } from '../whatsapp/signature';

/** Meta's payloads are at most 3 MB (reference §5.3). */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

export const WebhookHandshakeQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().max(1000).optional(),
});

export const whatsappWebhookRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', WebhookHandshakeQuery), (c) => {
      const q = c.req.valid('query');
      const token = deps.config.whatsapp.verifyToken;
      if (q['hub.mode'] === 'subscribe' && token && q['hub.verify_token'] === token && q['hub.challenge'] !== undefined) {
        return c.text(q['hub.challenge'], 200);
      }
      return fail(c, 'FORBIDDEN', 'The verify token does not match.');
    })
    .post(
      '/',
      fastBodyLimit({
        maxSize: WEBHOOK_BODY_LIMIT,
        onError: (c) => {
          // We answer before reading the rest of the body: the connection cannot be reused.
          c.header('Connection', 'close');
          return c.json(errorBody('PAYLOAD_TOO_LARGE', 'Webhook payloads are at most 3 MB.'), 413);
        },
      }),
      async (c) => {
        const raw = new Uint8Array(await c.req.arrayBuffer());
        if (!verifyMetaSignature(raw, c.req.header('x-hub-signature-256'), deps.config.whatsapp.appSecret)) {
          deps.log.warn('webhook with a bad or missing signature refused', { bytes: raw.byteLength });
          return fail(c, 'WEBHOOK_SIGNATURE_INVALID', 'The X-Hub-Signature-256 header is missing or does not match the body.');
        }
        let json: unknown;
        try {
          json = JSON.parse(new TextDecoder().decode(raw));
        } catch {
          return fail(c, 'BAD_REQUEST', 'The webhook body is not JSON.');
        }
        const payload = MetaWebhook.safeParse(json);
        if (!payload.success) return fail(c, 'VALIDATION_FAILED', 'This is not a WhatsApp webhook payload.', issueDetails(payload.error.issues));
        const summary = await processWebhook(deps, payload.data);
        deps.log.debug('webhook processed', summary);
        return c.json({ received: true as const }, 200);
      },
    );
