/**
 * What happens to an accepted message: `sent` right away, `delivered` after `deliveryDelayMs`,
 * `read` after `readDelayMs` more — or one async `failed` status with Meta's `errors[]` (free-form
 * text outside the 24 h window → 131047; marketing to a user who stopped marketing → 131050;
 * injected faults). Pricing rides on the `sent` status (reference §5.5, §6.6).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { SandboxContext } from '../context';
import { faultFor } from '../faults';
import { webhookErrorEntry } from '../graph-errors';
import type { CustomerRecord } from '../store/customers-store';
import type { OutboundMessage, OutboundStatus } from '../store/messages-store';
import { getMessage, saveMessage } from '../store/messages-store';
import { unixSeconds } from '../webhooks/envelope';

export type DeliveryPlan = { kind: 'deliver'; read: boolean } | { kind: 'fail'; code: number };

const RANK: Record<OutboundStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export function planDelivery(ctx: SandboxContext, msg: OutboundMessage, customer: CustomerRecord): DeliveryPlan {
  const fault = ctx.settings.faults ? faultFor(msg.waId) : undefined;
  if (fault?.kind === 'async-failed' && fault.code) return { kind: 'fail', code: fault.code };
  if (msg.template?.category === 'MARKETING' && customer.marketingPreference === 'stop') return { kind: 'fail', code: 131050 };
  if (msg.type === 'text' && !msg.windowOpenAtSend) return { kind: 'fail', code: 131047 };
  return { kind: 'deliver', read: fault?.kind !== 'no-read' };
}

export function pricingFor(msg: OutboundMessage) {
  if (msg.type !== 'template' || !msg.template) {
    return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
  }
  const category = msg.template.category.toLowerCase();
  if (msg.template.category === 'UTILITY' && msg.windowOpenAtSend) {
    return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category };
  }
  return { billable: true, pricing_model: 'PMP', type: 'regular', category };
}

/** v23 and older still carry a per-message `conversation` object on `sent` (gone in v24+). */
function conversationFor(msg: OutboundMessage, now: number) {
  const major = Number(/^v(\d+)/.exec(msg.apiVersion)?.[1] ?? 99);
  if (major > 23) return undefined;
  return {
    id: createHash('md5').update(`${msg.waId}:${msg.template?.category ?? 'service'}`).digest('hex'),
    expiration_timestamp: String(unixSeconds(now + 24 * 3600_000)),
    origin: { type: pricingFor(msg).category },
  };
}

function emit(ctx: SandboxContext, id: string, status: Exclude<OutboundStatus, 'accepted'>, code?: number) {
  const msg = getMessage(ctx.db, id);
  if (!msg || msg.direction !== 'outbound') return;
  if (msg.status === 'failed' || RANK[status] <= RANK[msg.status]) return;
  const now = ctx.clock.now();
  msg.status = status;
  if (code) msg.errors = [{ code }];
  saveMessage(ctx.db, msg);
  const value: Record<string, unknown> = {
    id: msg.id,
    status,
    timestamp: String(unixSeconds(now)),
    recipient_id: msg.waId,
  };
  if (status === 'sent') {
    const conversation = conversationFor(msg, now);
    if (conversation) value.conversation = conversation;
    value.pricing = pricingFor(msg);
  }
  if (msg.bizOpaqueCallbackData !== undefined) value.biz_opaque_callback_data = msg.bizOpaqueCallbackData;
  if (code) value.errors = [webhookErrorEntry(code)];
  ctx.webhooks.sendStatus(value);
}

/** Schedules the whole status ladder up front, so the order is fixed whatever the load. */
export function scheduleStatuses(ctx: SandboxContext, msg: OutboundMessage, plan: DeliveryPlan) {
  const { scheduler, settings } = ctx;
  const t0 = ctx.clock.now();
  if (plan.kind === 'fail') {
    scheduler.at(t0 + settings.deliveryDelayMs, () => emit(ctx, msg.id, 'failed', plan.code), `status:${msg.id}:failed`);
    return;
  }
  const delivered = t0 + settings.deliveryDelayMs;
  scheduler.at(t0, () => emit(ctx, msg.id, 'sent'), `status:${msg.id}:sent`);
  scheduler.at(delivered, () => emit(ctx, msg.id, 'delivered'), `status:${msg.id}:delivered`);
  if (plan.read) scheduler.at(delivered + settings.readDelayMs, () => emit(ctx, msg.id, 'read'), `status:${msg.id}:read`);
}
