/**
 * What a message will cost, from the configured rate card (`config.rateCard`: KOPRU_RATE_CARD_FILE
 * or the approximate defaults) and Meta's per-message model (shared/pricing/price-message.ts):
 *
 * - `estimatePrice` answers the panel before sending (`GET /api/price`);
 * - `priceAndAuditQueued` runs inside `submitMessage`'s transaction for every new outbox row: the
 *   template's category at that moment and the price class/amount go into the row as it is inserted
 *   (analytics add them up later, whatever the category or the rate card become), and it writes the
 *   `message.send` audit entry. One call from send-message.ts, so the send path stays in one place.
 *
 * The estimate is the price *if delivered* (Meta charges on delivery); Meta's own `pricing` on the
 * status webhooks remains the authority on whether it was billed.
 * @module
 */
import { priceMessage } from '../../shared/pricing/price-message';
import type { MessagePrice } from '../../shared/schemas/rate-card';
import type { TemplateCategory } from '../../shared/schemas/template';
import { serviceWindow } from '../../shared/window/service-window';
import { getContactRow } from '../db/contacts-repo';
import type { NewMessage } from '../db/messages-repo';
import type { Deps } from '../deps';
import { agentActor, appendAudit } from './audit';

export type PriceEstimate = {
  price: MessagePrice;
  /** The category priced: the template's current one, or null for a free-form message. */
  category: TemplateCategory | null;
  window: { open: boolean; expiresAt: number | null };
};

/** The price of sending `category` (null = free-form text) to `phone` now. */
export function estimatePrice(deps: Pick<Deps, 'db' | 'clock' | 'config'>, phone: string, category: TemplateCategory | null): PriceEstimate {
  const window = serviceWindow(getContactRow(deps.db, phone)?.lastInboundAt ?? null, deps.clock.now());
  const price = priceMessage({ card: deps.config.rateCard, category, windowOpen: window.open, e164: phone });
  return { price, category, window: { open: window.open, expiresAt: window.expiresAt } };
}

export type QueuedMessage = {
  id: string;
  actorId: string;
  phone: string;
  kind: 'template' | 'text';
  template?: { name: string; language: string };
  purpose?: string;
  at: number;
};

/**
 * The price class at send time for a new outbox row (stored with it by `insertMessage`) and the
 * `message.send` audit entry. Call inside the insert's transaction, after the insert (the audit
 * entry names the row).
 */
export function priceAndAuditQueued(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  m: Omit<QueuedMessage, 'id'> & { category: TemplateCategory | null },
): { price: NonNullable<NewMessage['price']>; audit: (id: string) => void } {
  const { price } = estimatePrice(deps, m.phone, m.category);
  return {
    price: { category: m.category, priceClass: price.priceClass, amount: price.amount, market: price.market, currency: price.currency },
    audit: (id) =>
      appendAudit(deps.db, {
        action: 'message.send',
        actor: agentActor(deps.db, m.actorId),
        at: m.at,
        phone: m.phone,
        target: id,
        details: {
          messageId: id,
          kind: m.kind,
          // Only the template's identity: its values are personal data and never enter the log.
          ...(m.template ? { template: { name: m.template.name, language: m.template.language }, category: m.category } : {}),
          ...(m.purpose ? { purpose: m.purpose } : {}),
          priceClass: price.priceClass,
        },
      }),
  };
}
