/**
 * Simulated WhatsApp users: profile name, when they last wrote (their 24 h window), and whether
 * they stopped marketing messages from the UI.
 *
 * @module
 */
import type { SandboxDb } from './open-store';

export type CustomerRecord = {
  waId: string;
  name?: string;
  lastInboundAt?: number;
  marketingPreference?: 'stop' | 'resume';
};

export const SERVICE_WINDOW_MS = 24 * 3600_000;

export function getCustomer(db: SandboxDb, waId: string): CustomerRecord {
  const row = db.prepare('SELECT data FROM customers WHERE wa_id = ?').get(waId) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as CustomerRecord) : { waId };
}

export function saveCustomer(db: SandboxDb, customer: CustomerRecord): void {
  db.prepare('INSERT INTO customers (wa_id, data) VALUES (?, ?) ON CONFLICT(wa_id) DO UPDATE SET data = excluded.data').run(
    customer.waId,
    JSON.stringify(customer),
  );
}

/** The customer-service window is open for 24 h after the customer's last inbound message. */
export function isWindowOpen(customer: CustomerRecord, now: number): boolean {
  return customer.lastInboundAt !== undefined && now - customer.lastInboundAt < SERVICE_WINDOW_MS;
}
