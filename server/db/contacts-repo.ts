/**
 * Contacts: the customer numbers we have heard from. Consent is not stored here (it is derived from
 * the ledger); the service window is derived from `last_inbound_at`.
 * @module
 */
import type { DB } from './open-db';
import { prepared } from './prepared';

export type ContactRow = { phone: string; waId: string; name: string | null; lastInboundAt: number | null };

type Row = { phone: string; wa_id: string; name: string | null; last_inbound_at: number | null };

export function getContactRow(db: DB, phone: string): ContactRow | null {
  const r = prepared(db, 'SELECT phone, wa_id, name, last_inbound_at FROM contacts WHERE phone = ?').get(phone) as Row | undefined;
  return r ? { phone: r.phone, waId: r.wa_id, name: r.name, lastInboundAt: r.last_inbound_at } : null;
}

/**
 * Records that the customer wrote at `at`. Webhooks arrive out of order and late, so the window only
 * ever moves forward (MAX); a newer profile name replaces the old one.
 */
export function touchContactInbound(db: DB, c: { phone: string; waId: string; name?: string; at: number; now: number }): ContactRow {
  prepared(db, 
    `INSERT INTO contacts (phone, wa_id, name, last_inbound_at, created_at, updated_at)
     VALUES (@phone, @waId, @name, @at, @now, @now)
     ON CONFLICT (phone) DO UPDATE SET
       name = COALESCE(excluded.name, contacts.name),
       last_inbound_at = MAX(COALESCE(contacts.last_inbound_at, 0), excluded.last_inbound_at),
       updated_at = excluded.updated_at`,
  ).run({ phone: c.phone, waId: c.waId, name: c.name?.trim() || null, at: c.at, now: c.now });
  return getContactRow(db, c.phone)!;
}
