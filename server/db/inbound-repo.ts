/**
 * Inbound customer messages, once each: Meta delivers webhooks at least once (reference §5.7), and
 * the wamid primary key turns every redelivery into a no-op.
 * @module
 */
import type { DB } from './open-db';
import { prepared } from './prepared';

export type InboundRow = {
  wamid: string;
  waId: string;
  phone: string;
  type: string;
  text: string | null;
  payload: Record<string, unknown> | null;
  receivedAt: number;
};

/** Stores the message; false when this wamid was already stored (a replayed webhook). */
export function insertInboundIfNew(db: DB, m: InboundRow): boolean {
  const info = prepared(db, 
      `INSERT INTO inbound_messages (wamid, wa_id, phone, type, text, payload_json, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (wamid) DO NOTHING`,
    )
    .run(m.wamid, m.waId, m.phone, m.type, m.text, m.payload === null ? null : JSON.stringify(m.payload), m.receivedAt);
  return info.changes === 1;
}

export function countInbound(db: DB, phone: string): number {
  return prepared(db, 'SELECT COUNT(*) FROM inbound_messages WHERE phone = ?').pluck().get(phone) as number;
}
