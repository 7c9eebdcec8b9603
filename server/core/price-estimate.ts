/**
 * What a message will cost, from the configured rate card (`config.rateCard`: KOPRU_RATE_CARD_FILE
 * or the approximate defaults) and Meta's per-message model (shared/pricing/price-message.ts):
 *
 * - `estimatePrice` answers the panel before sending (`GET /api/price`);
 * - `noteMessageQueued` runs inside `submitMessage`'s transaction for every new outbox row: it stores
 *   the template's category at that moment and the price class/amount on the row (analytics add them
 *   up later, whatever the category or the rate card become), and writes the `message.send` audit
 *   entry. One call from send-message.ts, so the send path stays in one place.
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
import { prepared } from '../db/messages-repo';
import { getTemplate } from '../db/templates-repo';
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

/** Stores the price class at send time and audits the send (call inside the insert's transaction). */
export function noteMessageQueued(deps: Pick<Deps, 'db' | 'clock' | 'config'>, m: QueuedMessage): void {
  const { db } = deps;
  const category = m.template ? (getTemplate(db, m.template.name, m.template.language)?.template.category ?? null) : null;
  const { price } = estimatePrice(deps, m.phone, category);
  prepared(db, 'UPDATE messages SET template_category = ?, price_class = ?, price_amount = ?, price_market = ?, price_currency = ? WHERE id = ?').run(
    category,
    price.priceClass,
    price.amount,
    price.market,
    price.currency,
    m.id,
  );
  appendAudit(db, {
    action: 'message.send',
    actor: agentActor(db, m.actorId),
    at: m.at,
    phone: m.phone,
    target: m.id,
    details: {
      messageId: m.id,
      kind: m.kind,
      // Only the template's identity: its values are personal data and never enter the log.
      ...(m.template ? { template: { name: m.template.name, language: m.template.language }, category } : {}),
      ...(m.purpose ? { purpose: m.purpose } : {}),
      priceClass: price.priceClass,
    },
  });
}
