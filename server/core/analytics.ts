/**
 * Insights: the figures of shared/schemas/analytics.ts (where each one is defined), for a time range,
 * grouped by template, agent or day. Agents get their own messages; admins the team (or one agent).
 * @module
 */
import type { AnalyticsGroupBy, AnalyticsReport, FailureCount, Figures } from '../../shared/schemas/analytics';
import { marketFor } from '../../shared/pricing/price-message';
import type { CategoryRates, RateCard } from '../../shared/schemas/rate-card';
import { analyticsRows, type AnalyticsRow } from '../db/analytics-repo';
import type { Deps } from '../deps';
import { describeWhatsAppError } from '../whatsapp/errors';
import { dayKey, daysBetween } from './analytics-range';

export type AnalyticsRequest = { from: number; to: number; tz: string; groupBy: AnalyticsGroupBy; agentId: string | null; scope: 'team' | 'agent' };

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

type MetaPricing = { billable?: boolean; category?: string };

/** Free or billable, and the amount, for a delivered message (see the schema's `price`). */
export function deliveredPrice(row: Pick<AnalyticsRow, 'pricing_json' | 'price_class' | 'price_amount' | 'price_market' | 'phone' | 'template_category'>, card: RateCard): { billable: boolean; amount: number } {
  const meta = row.pricing_json ? (JSON.parse(row.pricing_json) as MetaPricing) : null;
  const estimatedBillable = row.price_class !== null ? row.price_class !== 'free' : null;
  const billable = meta?.billable ?? estimatedBillable ?? true;
  if (!billable) return { billable: false, amount: 0 };
  if (estimatedBillable && row.price_amount !== null) return { billable: true, amount: row.price_amount };
  // Meta billed what we expected to be free (or we had no estimate): price it from Meta's category.
  const category = (meta?.category ?? row.template_category ?? 'utility').toLowerCase();
  const key = (['utility', 'marketing', 'authentication'].includes(category) ? category : 'utility') as keyof CategoryRates;
  const rates = row.price_market && card.rates[row.price_market] ? card.rates[row.price_market]! : marketFor(card, row.phone).rates;
  return { billable: true, amount: rates[key] };
}

/** Rounded to a millionth of a dollar, so sums of float prices compare exactly. */
const money = (n: number) => Math.round(n * 1e6) / 1e6;

export function figuresOf(rows: readonly AnalyticsRow[], card: RateCard): Figures {
  let sent = 0, delivered = 0, read = 0, failed = 0, replied = 0, free = 0, billable = 0, amount = 0;
  const toDelivered: number[] = [];
  const toRead: number[] = [];
  const failures = new Map<string, FailureCount>();
  for (const r of rows) {
    if (r.sent_at !== null) sent++;
    if (r.delivered_at !== null) {
      delivered++;
      toDelivered.push(r.delivered_at - r.created_at);
      const price = deliveredPrice(r, card);
      if (price.billable) (billable++, (amount += price.amount));
      else free++;
    }
    if (r.read_at !== null) (read++, toRead.push(r.read_at - r.created_at));
    if (r.reply_at !== null) replied++;
    if (r.status === 'failed') {
      failed++;
      const key = String(r.error_code);
      const entry = failures.get(key) ?? { code: r.error_code, reason: failureReason(r), count: 0 };
      entry.count++;
      failures.set(key, entry);
    }
  }
  return {
    messages: rows.length,
    sent,
    delivered,
    read,
    failed,
    replied,
    failures: [...failures.values()].sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code))),
    rates: { delivery: ratio(delivered, sent), read: ratio(read, delivered), reply: ratio(replied, delivered), failure: ratio(failed, rows.length) },
    medianMs: { toDelivered: median(toDelivered), toRead: median(toRead) },
    price: { free, billable, amount: money(amount), currency: card.currency },
  };
}

function failureReason(r: AnalyticsRow): string {
  if (r.error_code === null) return r.error_reason ?? 'Stopped by Köprü before it reached WhatsApp.';
  return describeWhatsAppError(r.error_code) ?? r.error_reason ?? `WhatsApp error ${r.error_code}`;
}

export function buildReport(deps: Pick<Deps, 'db' | 'config'>, req: AnalyticsRequest): AnalyticsReport {
  const card = deps.config.rateCard;
  const rows = analyticsRows(deps.db, { from: req.from, to: req.to, ...(req.agentId ? { agentId: req.agentId } : {}) });
  const buckets = new Map<string, { label: string; rows: AnalyticsRow[] }>();
  if (req.groupBy === 'day') for (const day of daysBetween(req.from, req.to, req.tz)) buckets.set(day, { label: day, rows: [] });
  for (const r of rows) {
    const [key, label] =
      req.groupBy === 'template'
        ? [`${r.template_name}/${r.template_language}`, `${r.template_name} (${r.template_language})`]
        : req.groupBy === 'agent'
          ? [r.agent_id, r.agent_name ?? r.agent_id]
          : [dayKey(r.created_at, req.tz), dayKey(r.created_at, req.tz)];
    const bucket = buckets.get(key) ?? { label, rows: [] };
    bucket.rows.push(r);
    buckets.set(key, bucket);
  }
  const groups = [...buckets.entries()].map(([key, b]) => ({ key, label: b.label, figures: figuresOf(b.rows, card) }));
  // Days in calendar order; templates and agents busiest first.
  if (req.groupBy === 'day') groups.sort((a, b) => a.key.localeCompare(b.key));
  else groups.sort((a, b) => b.figures.messages - a.figures.messages || a.label.localeCompare(b.label));
  return {
    range: { from: req.from, to: req.to, tz: req.tz },
    groupBy: req.groupBy,
    scope: req.scope,
    agentId: req.agentId,
    rateCardSource: card.source ?? null,
    totals: figuresOf(rows, card),
    groups,
  };
}
