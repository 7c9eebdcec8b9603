/**
 * Opt-in codes: created by an agent, redeemed once when the customer sends the code from WhatsApp.
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import type { TicketRef } from '../../shared/schemas/ticket-ref';
import type { DB } from './open-db';
import { prepared } from './prepared';

export type OptinCodeRow = {
  code: string;
  phone: string | null;
  topics: ConsentTopic[];
  wordingId: string;
  language: 'tr' | 'en';
  agentId: string;
  ticket: TicketRef | null;
  waMeLink: string;
  createdAt: number;
  expiresAt: number;
  confirmedAt: number | null;
  confirmedPhone: string | null;
  consentId: string | null;
  inboundWamid: string | null;
};

type Row = {
  code: string;
  phone: string | null;
  topics_json: string;
  wording_id: string;
  language: 'tr' | 'en';
  agent_id: string;
  ticket_json: string | null;
  wa_me_link: string;
  created_at: number;
  expires_at: number;
  confirmed_at: number | null;
  confirmed_phone: string | null;
  consent_id: string | null;
  inbound_wamid: string | null;
};

const toOptinCode = (r: Row): OptinCodeRow => ({
  code: r.code,
  phone: r.phone,
  topics: JSON.parse(r.topics_json) as ConsentTopic[],
  wordingId: r.wording_id,
  language: r.language,
  agentId: r.agent_id,
  ticket: r.ticket_json === null ? null : (JSON.parse(r.ticket_json) as TicketRef),
  waMeLink: r.wa_me_link,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  confirmedAt: r.confirmed_at,
  confirmedPhone: r.confirmed_phone,
  consentId: r.consent_id,
  inboundWamid: r.inbound_wamid,
});

export function insertOptinCode(
  db: DB,
  c: Omit<OptinCodeRow, 'confirmedAt' | 'confirmedPhone' | 'consentId' | 'inboundWamid'>,
): void {
  prepared(db, 
    `INSERT INTO optin_codes (code, phone, topics_json, wording_id, language, agent_id, ticket_json, wa_me_link, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.code, c.phone, JSON.stringify(c.topics), c.wordingId, c.language, c.agentId, c.ticket ? JSON.stringify(c.ticket) : null, c.waMeLink, c.createdAt, c.expiresAt);
}

export function getOptinCode(db: DB, code: string): OptinCodeRow | null {
  const row = prepared(db, 'SELECT * FROM optin_codes WHERE code = ?').get(code) as Row | undefined;
  return row ? toOptinCode(row) : null;
}

/** Marks the code used; false when it was already used (so a code proves exactly one opt-in). */
export function markOptinCodeConfirmed(db: DB, code: string, c: { phone: string; consentId: string; wamid: string; at: number }): boolean {
  const info = prepared(db, 
      `UPDATE optin_codes SET confirmed_at = ?, confirmed_phone = ?, consent_id = ?, inbound_wamid = ?
       WHERE code = ? AND confirmed_at IS NULL`,
    )
    .run(c.at, c.phone, c.consentId, c.wamid, code);
  return info.changes === 1;
}

/** Whether any opt-in or hand-off code already uses `code` (they share one namespace in messages). */
export function codeInUse(db: DB, code: string): boolean {
  return prepared(db, 'SELECT 1 FROM optin_codes WHERE code = ? UNION ALL SELECT 1 FROM handoffs WHERE code = ?').get(code, code) !== undefined;
}
