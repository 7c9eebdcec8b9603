/**
 * The rows analytics are computed from: one per template message in a time range, with the first
 * time it reached each status (from `message_events`) and the first reply within 24 h. Aggregation
 * is done in code (core/analytics.ts), where the definitions are written down once.
 * @module
 */
import type { DB } from './open-db';
import { prepared } from './prepared';

export type AnalyticsRow = {
  id: string;
  agent_id: string;
  agent_name: string | null;
  template_name: string;
  template_language: string;
  status: string;
  error_code: number | null;
  error_reason: string | null;
  created_at: number;
  pricing_json: string | null;
  template_category: string | null;
  price_class: string | null;
  price_amount: number | null;
  price_market: string | null;
  phone: string;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  reply_at: number | null;
};

const REPLY_WINDOW_MS = 24 * 3600_000;

export function analyticsRows(db: DB, f: { from: number; to: number; agentId?: string }): AnalyticsRow[] {
  const sql = `
    SELECT m.id, m.agent_id, a.name AS agent_name, m.template_name, m.template_language, m.status, m.error_code, m.error_reason,
      m.created_at, m.pricing_json, m.template_category, m.price_class, m.price_amount, m.price_market, m.phone,
      (SELECT MIN(e.at) FROM message_events e WHERE e.message_id = m.id AND e.status IN ('accepted', 'sent', 'delivered', 'read')) AS sent_at,
      (SELECT MIN(e.at) FROM message_events e WHERE e.message_id = m.id AND e.status IN ('delivered', 'read')) AS delivered_at,
      (SELECT e.at FROM message_events e WHERE e.message_id = m.id AND e.status = 'read') AS read_at,
      COALESCE(m.replied_at, (SELECT MIN(i.received_at) FROM inbound_messages i
        WHERE i.phone = m.phone AND i.received_at > m.created_at AND i.received_at <= m.created_at + ${REPLY_WINDOW_MS})) AS reply_at
    FROM messages m LEFT JOIN agents a ON a.id = m.agent_id
    WHERE m.kind = 'template' AND m.template_name IS NOT NULL AND m.created_at >= ? AND m.created_at < ?
      ${f.agentId ? 'AND m.agent_id = ?' : ''}
    ORDER BY m.created_at`;
  const params: unknown[] = [f.from, f.to];
  if (f.agentId) params.push(f.agentId);
  return prepared(db, sql).all(...params) as AnalyticsRow[];
}
