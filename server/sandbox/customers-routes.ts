/**
 * Simulated WhatsApp users. A customer "writes" (text, template quick-reply tap, interactive reply)
 * → inbound `messages` webhook and their 24 h window opens; a customer stops/resumes marketing →
 * `user_preferences` webhook; and the list of what their phone shows.
 *
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { SandboxContext } from './context';
import { apiError, invalidBody, jsonOrEmpty } from './http-errors';
import { newWamid } from './identity';
import { getCustomer, saveCustomer } from './store/customers-store';
import type { InboundMessage, StoredMessage } from './store/messages-store';
import { getMessage, insertMessage, messagesFor } from './store/messages-store';
import { messagesValue, unixSeconds } from './webhooks/envelope';

export const InboundRequest = z
  .object({
    name: z.string().min(1).max(256).optional(),
    text: z.string().min(1).max(4096).optional(),
    button: z.object({ payload: z.string(), text: z.string() }).optional(),
    interactive: z.object({ button_reply: z.object({ id: z.string(), title: z.string() }) }).optional(),
    context: z.object({ id: z.string() }).optional(),
  })
  .refine((b) => [b.text, b.button, b.interactive].filter((x) => x !== undefined).length === 1, {
    message: 'Send exactly one of text, button or interactive',
  });
export type InboundRequest = z.infer<typeof InboundRequest>;

export const PreferenceRequest = z.object({ value: z.enum(['stop', 'resume']) });

const WA_ID = /^[1-9][0-9]{7,14}$/;

/** One message as the customer's phone lists it. */
export function phoneView(m: StoredMessage) {
  const at = new Date(m.at).toISOString();
  if (m.direction === 'outbound') {
    return {
      direction: 'outbound' as const,
      id: m.id,
      at,
      status: m.status,
      type: m.type,
      ...(m.rendered ? { rendered: m.rendered } : { text: m.text ?? '' }),
    };
  }
  return {
    direction: 'inbound' as const,
    id: m.id,
    at,
    status: m.readByBusiness ? 'read' : 'received',
    type: m.type,
    text: m.text ?? m.button?.text ?? m.interactive?.button_reply.title ?? '',
    ...(m.button ? { button: m.button } : {}),
    ...(m.interactive ? { interactive: m.interactive } : {}),
    ...(m.contextId ? { context: { id: m.contextId } } : {}),
  };
}

/** What the phone shows: everything but outbound messages that failed (those never reached it). */
export function phoneMessages(ctx: SandboxContext, waId: string) {
  return messagesFor(ctx.db, waId)
    .filter((m) => !(m.direction === 'outbound' && m.status === 'failed'))
    .map(phoneView);
}

export function customersRoutes(ctx: SandboxContext) {
  const { db, identity } = ctx;
  return new Hono()
    .post('/:waId/messages', async (c) => {
      const waId = c.req.param('waId');
      if (!WA_ID.test(waId)) return apiError(c, 400, 'BAD_REQUEST', 'waId must be 8–15 digits without +');
      const parsed = InboundRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      const req = parsed.data;
      if (req.context) {
        const quoted = getMessage(db, req.context.id);
        if (!quoted || quoted.waId !== waId) return apiError(c, 404, 'NOT_FOUND', `No message ${req.context.id} in this customer's chat`);
      }
      const now = ctx.clock.now();
      const customer = getCustomer(db, waId);
      customer.name = req.name ?? customer.name ?? `Customer ${waId.slice(-4)}`;
      customer.lastInboundAt = now;
      saveCustomer(db, customer);
      const type = req.text !== undefined ? 'text' : req.button ? 'button' : 'interactive';
      const msg: InboundMessage = {
        direction: 'inbound',
        id: newWamid(waId),
        waId,
        at: now,
        type,
        ...(req.text !== undefined ? { text: req.text } : {}),
        ...(req.button ? { button: req.button } : {}),
        ...(req.interactive ? { interactive: { type: 'button_reply' as const, button_reply: req.interactive.button_reply } } : {}),
        ...(req.context ? { contextId: req.context.id } : {}),
      };
      insertMessage(db, msg);
      const message: Record<string, unknown> = {
        ...(req.context ? { context: { from: identity.displayPhoneNumber, id: req.context.id } } : {}),
        from: waId,
        id: msg.id,
        timestamp: String(unixSeconds(now)),
        type,
      };
      if (msg.text !== undefined) message.text = { body: msg.text };
      if (msg.button) message.button = msg.button;
      if (msg.interactive) message.interactive = msg.interactive;
      ctx.webhooks.send([
        {
          field: 'messages',
          value: messagesValue(identity, { contacts: [{ profile: { name: customer.name }, wa_id: waId }], messages: [message] }),
        },
      ]);
      return c.json({ id: msg.id }, 200);
    })
    .post('/:waId/preferences', async (c) => {
      const waId = c.req.param('waId');
      if (!WA_ID.test(waId)) return apiError(c, 400, 'BAD_REQUEST', 'waId must be 8–15 digits without +');
      const parsed = PreferenceRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      const { value } = parsed.data;
      const customer = getCustomer(db, waId);
      customer.marketingPreference = value;
      customer.name ??= `Customer ${waId.slice(-4)}`;
      saveCustomer(db, customer);
      const detail = value === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages';
      ctx.webhooks.send([
        {
          field: 'user_preferences',
          value: messagesValue(identity, {
            contacts: [{ wa_id: waId, profile: { name: customer.name } }],
            user_preferences: [{ wa_id: waId, detail, category: 'marketing_messages', value, timestamp: unixSeconds(ctx.clock.now()) }],
          }),
        },
      ]);
      return c.json({ success: true }, 200);
    })
    .get('/:waId/messages', (c) => c.json({ messages: phoneMessages(ctx, c.req.param('waId')) }, 200));
}
