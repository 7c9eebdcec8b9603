/**
 * What happens to an accepted message: `sent` right away, `delivered` after `deliveryDelayMs`,
 * `read` after `readDelayMs` more — or one async `failed` status with Meta's `errors[]` (free-form
 * text outside the 24 h window → 131047; marketing to a user who stopped marketing → 131050;
 * injected faults). Pricing rides on the `sent` status (reference §5.5, §6.6).
 *
 * The ladder is stored with the message (store/status-schedule-store.ts), so a message accepted just
 * before a crash still gets its statuses after the restart, stamped with the times they were due.
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
import type { ScheduledStatus } from '../store/status-schedule-store';
import { deleteScheduledStatus, insertScheduledStatuses, scheduledStatuses } from '../store/status-schedule-store';
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

/** Takes one ladder step, stamped with the time it was due (also when it runs late, after a restart). */
function emit(ctx: SandboxContext, step: ScheduledStatus) {
  const { messageId, status, dueAt, code } = step;
  // The step leaves the schedule together with its effect (status + queued webhook), or not at all.
  ctx.db.transaction(() => {
    deleteScheduledStatus(ctx.db, messageId, status);
    const msg = getMessage(ctx.db, messageId);
    if (!msg || msg.direction !== 'outbound') return;
    if (msg.status === 'failed' || RANK[status] <= RANK[msg.status]) return;
    msg.status = status;
    if (code) msg.errors = [{ code }];
    saveMessage(ctx.db, msg);
    const value: Record<string, unknown> = {
      id: msg.id,
      status,
      timestamp: String(unixSeconds(dueAt)),
      recipient_id: msg.waId,
    };
    if (status === 'sent') {
      const conversation = conversationFor(msg, dueAt);
      if (conversation) value.conversation = conversation;
      value.pricing = pricingFor(msg);
    }
    if (msg.bizOpaqueCallbackData !== undefined) value.biz_opaque_callback_data = msg.bizOpaqueCallbackData;
    if (code) value.errors = [webhookErrorEntry(code)];
    ctx.webhooks.sendStatus(value);
  })();
}

const arm = (ctx: SandboxContext, step: ScheduledStatus) =>
  ctx.scheduler.at(step.dueAt, () => emit(ctx, step), `status:${step.messageId}:${step.status}`);

/**
 * Fixes the whole status ladder up front — so the order holds whatever the load — and stores it
 * with the message, so a restart still takes the steps. Call inside the transaction that inserts
 * the message.
 */
export function scheduleStatuses(ctx: SandboxContext, msg: OutboundMessage, plan: DeliveryPlan) {
  const { settings } = ctx;
  const t0 = msg.at;
  const delivered = t0 + settings.deliveryDelayMs;
  const steps: ScheduledStatus[] =
    plan.kind === 'fail'
      ? [{ messageId: msg.id, status: 'failed', dueAt: delivered, code: plan.code }]
      : [
          { messageId: msg.id, status: 'sent', dueAt: t0 },
          { messageId: msg.id, status: 'delivered', dueAt: delivered },
          ...(plan.read ? [{ messageId: msg.id, status: 'read' as const, dueAt: delivered + settings.readDelayMs }] : []),
        ];
  insertScheduledStatuses(ctx.db, steps);
  for (const step of steps) arm(ctx, step);
}

/**
 * Re-arms the ladder steps stored in the sandbox file (after a restart). Overdue steps run at once,
 * in due order; a step that would move a message backwards is dropped when it runs.
 */
export function restoreStatusSchedules(ctx: SandboxContext) {
  for (const step of scheduledStatuses(ctx.db)) arm(ctx, step);
}
