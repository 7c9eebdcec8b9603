/**
 * `GET /api/analytics` — how the team's WhatsApp templates did, for the Insights view.
 *
 * Counted over template messages created (sent by an agent) in `[from, to)`:
 * - `messages`: all of them, whatever happened next;
 * - `sent`: Meta accepted them (a wamid came back or a later status arrived);
 * - `delivered`: reached the phone (`delivered`, or `read` which implies it);
 * - `read`: the customer opened them;
 * - `failed`: ended `failed`, with `failures` split by Meta's error code (null = stopped by Köprü,
 *   e.g. the customer opted out while it waited in the queue);
 * - `replied`: the customer wrote to us within 24 h after the template was sent;
 * - rates: delivery = delivered/sent, read = read/delivered, reply = replied/delivered,
 *   failure = failed/messages (null when the denominator is 0);
 * - median time from sending to delivered and to read (ms; the middle value, or the mean of the two
 *   middle values for an even count; null when none);
 * - `price`: delivered messages only (Meta charges on delivery): how many were free (inside the
 *   customer's 24-hour window) or billable, and the sum from the rate card — Meta's own `pricing`
 *   from the status webhook decides free vs billable when it arrived, else the estimate at send time.
 * @module
 */
import * as z from 'zod';
import { MessagePrice } from './rate-card';

export const AnalyticsGroupBy = z.enum(['template', 'agent', 'day']);
export type AnalyticsGroupBy = z.infer<typeof AnalyticsGroupBy>;

/** `2026-03-01` (a whole day in `tz`), an ISO date-time, or epoch milliseconds. */
const TimeParam = z.string().trim().regex(/^(\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d{1,15})$/, 'a date (2026-03-01), an ISO date-time or epoch milliseconds');

export const AnalyticsQuery = z.object({
  from: TimeParam.optional(),
  to: TimeParam.optional(),
  groupBy: AnalyticsGroupBy.default('template'),
  /** IANA time zone for day boundaries (`Europe/Istanbul`); default UTC. */
  tz: z.string().trim().min(1).max(64).default('UTC'),
  /** Admins: one agent's figures. Agents always get their own. */
  agentId: z.string().trim().min(1).max(100).optional(),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const FailureCount = z.object({ code: z.number().nullable(), reason: z.string(), count: z.number().int() });
export type FailureCount = z.infer<typeof FailureCount>;

const Rate = z.number().nullable();

export const Figures = z.object({
  messages: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  replied: z.number().int(),
  failures: z.array(FailureCount),
  rates: z.object({ delivery: Rate, read: Rate, reply: Rate, failure: Rate }),
  medianMs: z.object({ toDelivered: z.number().nullable(), toRead: z.number().nullable() }),
  price: z.object({ free: z.number().int(), billable: z.number().int(), amount: z.number(), currency: z.literal('USD') }),
});
export type Figures = z.infer<typeof Figures>;

export const AnalyticsGroup = z.object({ key: z.string(), label: z.string(), figures: Figures });
export type AnalyticsGroup = z.infer<typeof AnalyticsGroup>;

export const AnalyticsReport = z.object({
  range: z.object({ from: z.number(), to: z.number(), tz: z.string() }),
  groupBy: AnalyticsGroupBy,
  /** `team` for admins (unless `agentId` narrowed it), `agent` for an agent's own figures. */
  scope: z.enum(['team', 'agent']),
  agentId: z.string().nullable(),
  rateCardSource: z.string().nullable(),
  totals: Figures,
  groups: z.array(AnalyticsGroup),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReport>;

/** `GET /api/price`: what sending would cost now (see shared/pricing/price-message.ts). */
export const PriceAnswer = z.object({
  phone: z.string(),
  price: MessagePrice,
  /** The category priced: the template's current one (UTILITY when no template was named). */
  category: z.string().nullable(),
  window: z.object({ open: z.boolean(), expiresAt: z.number().nullable() }),
  rateCard: z.object({ source: z.string().nullable(), currency: z.string() }),
});
export type PriceAnswer = z.infer<typeof PriceAnswer>;
