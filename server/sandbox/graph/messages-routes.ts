/**
 * `POST /{phone_number_id}/messages`: template and text sends, and mark-as-read.
 *
 * Order of checks: payload basics → throughput (130429) → recipient (131009) → message content
 * (template checks, see send-validation.ts) → injected sync faults → pair rate (131056) → accept.
 * An accepted message gets its status ladder scheduled before the response is written.
 *
 * @module
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { faultFor, TRANSIENT_FAILURES } from '../faults';
import type { GraphError } from '../graph-errors';
import { graphError, respondGraphError, unknownObjectError } from '../graph-errors';
import { newWamid } from '../identity';
import { getCustomer, isWindowOpen } from '../store/customers-store';
import type { OutboundMessage } from '../store/messages-store';
import { getMessage, insertMessage, saveMessage } from '../store/messages-store';
import { enumParam, requiredParam } from './create-errors';
import { readJsonBody, VERSION } from './graph-request';
import { planDelivery, scheduleStatuses } from './message-lifecycle';
import { normalizeRecipient } from './recipient';
import { isObj } from './send-params';
import { validateTemplateSend } from './send-validation';

const TEXT_LIMIT = 4096;

/** `…0006`: keep the request open until the client gives up (or the sandbox closes). */
function hang(ctx: SandboxContext, c: Context): Promise<Response> {
  return new Promise((resolve) => {
    const signal = c.req.raw.signal;
    const done = () => {
      ctx.hangingRequests.delete(done);
      signal.removeEventListener('abort', done);
      resolve(new Response(null, { status: 503 }));
    };
    ctx.hangingRequests.add(done);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
  });
}

function markRead(ctx: SandboxContext, payload: Record<string, unknown>): GraphError | undefined {
  if (payload.status !== 'read') return enumParam('status', ['read'], payload.status);
  if (typeof payload.message_id !== 'string') return requiredParam('message_id');
  const msg = getMessage(ctx.db, payload.message_id);
  if (!msg || msg.direction !== 'inbound') return graphError(100, `Invalid message_id: no inbound message ${payload.message_id}`);
  msg.readByBusiness = true;
  saveMessage(ctx.db, msg);
  return undefined;
}

export function messagesRoutes(ctx: SandboxContext) {
  const { db, identity, settings } = ctx;
  return new Hono().post(`/${VERSION}/:nodeId/messages`, async (c) => {
    const nodeId = c.req.param('nodeId');
    if (nodeId !== identity.phoneNumberId) return respondGraphError(c, unknownObjectError('post', nodeId));
    const body = await readJsonBody(c);
    const payload = isObj(body) ? body : {};
    if (payload.messaging_product === undefined) return respondGraphError(c, requiredParam('messaging_product'));
    if (payload.messaging_product !== 'whatsapp') return respondGraphError(c, enumParam('messaging_product', ['whatsapp'], payload.messaging_product));
    if (payload.status !== undefined) {
      const error = markRead(ctx, payload);
      return error ? respondGraphError(c, error) : c.json({ success: true }, 200);
    }
    if (!ctx.rateLimits.takeThroughput()) return respondGraphError(c, graphError(130429));

    if (typeof payload.to !== 'string' || !payload.to) return respondGraphError(c, requiredParam('to'));
    const waId = normalizeRecipient(payload.to, identity.countryCode);
    if (!waId) return respondGraphError(c, graphError(131009, `Recipient phone number ${payload.to} is not a valid phone number`));
    if (payload.recipient_type !== undefined && payload.recipient_type !== 'individual') {
      return respondGraphError(c, enumParam('recipient_type', ['individual'], payload.recipient_type));
    }
    const biz = payload.biz_opaque_callback_data;
    if (biz !== undefined && (typeof biz !== 'string' || biz.length > 512)) {
      return respondGraphError(c, graphError(100, 'biz_opaque_callback_data must be a string of at most 512 characters'));
    }
    const type = payload.type ?? 'text';
    let content: Pick<OutboundMessage, 'type' | 'template' | 'rendered' | 'text'>;
    if (type === 'text') {
      const text = isObj(payload.text) ? payload.text.body : undefined;
      if (typeof text !== 'string' || !text) return respondGraphError(c, requiredParam("text['body']"));
      if (text.length > TEXT_LIMIT) return respondGraphError(c, graphError(100, `Param text['body'] must be at most ${TEXT_LIMIT} characters long.`));
      content = { type: 'text', text };
    } else if (type === 'template') {
      const checked = validateTemplateSend(db, payload);
      if (!checked.ok) return respondGraphError(c, checked.error);
      const t = checked.template;
      content = { type: 'template', template: { id: t.id, name: t.name, language: t.language, category: t.category }, rendered: checked.rendered };
    } else {
      return respondGraphError(c, graphError(131051));
    }

    const fault = settings.faults ? faultFor(waId) : undefined;
    if (fault?.kind === 'sync-error' && fault.code) return respondGraphError(c, graphError(fault.code));
    if (fault?.kind === 'sync-non-json') {
      return c.body('<html><body><h1>500 Internal Server Error</h1></body></html>', 500, { 'content-type': 'text/html' });
    }
    if (fault?.kind === 'transient') {
      const attempts = (ctx.transientAttempts.get(waId) ?? 0) + 1;
      ctx.transientAttempts.set(waId, attempts);
      if (attempts <= TRANSIENT_FAILURES) return respondGraphError(c, graphError(131016));
    }
    if (!ctx.rateLimits.pairAllows(waId)) return respondGraphError(c, graphError(131056));

    ctx.rateLimits.consumePair(waId);
    const now = ctx.clock.now();
    const customer = getCustomer(db, waId);
    const msg: OutboundMessage = {
      direction: 'outbound',
      id: newWamid(waId),
      waId,
      input: payload.to,
      at: now,
      apiVersion: c.req.param('version'),
      status: 'accepted',
      windowOpenAtSend: isWindowOpen(customer, now),
      ...content,
      ...(typeof biz === 'string' ? { bizOpaqueCallbackData: biz } : {}),
    };
    // Accepted means stored with its status ladder: a crash right after the 200 loses neither.
    db.transaction(() => {
      insertMessage(db, msg);
      scheduleStatuses(ctx, msg, planDelivery(ctx, msg, customer));
    })();
    if (fault?.kind === 'hang') return hang(ctx, c);
    return c.json(
      {
        messaging_product: 'whatsapp',
        contacts: [{ input: payload.to, wa_id: waId }],
        messages: [{ id: msg.id, ...(msg.type === 'template' ? { message_status: 'accepted' } : {}) }],
      },
      200,
    );
  });
}
