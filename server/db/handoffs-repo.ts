/**
 * Hand-offs: a customer asked (on email, chat, phone…) to continue on WhatsApp. A row remembers who
 * asked, from which ticket, and — once the customer writes — which WhatsApp number it became.
 * @module
 */
import type { Handoff, HandoffChannel } from '../../shared/schemas/handoff';
import type { TicketRef } from '../../shared/schemas/ticket-ref';
import type { DB } from './open-db';
import { prepared } from './prepared';

export type HandoffRow = Handoff & { customerName: string | null; language: 'tr' | 'en'; expiresAt: number; linkedWamid: string | null };

type Row = {
  id: string;
  code: string;
  channel: HandoffChannel;
  phone: string | null;
  requested_by: string | null;
  customer_name: string | null;
  language: 'tr' | 'en';
  agent_id: string;
  ticket_json: string;
  status: Handoff['status'];
  message_id: string | null;
  wa_me_link: string | null;
  qr_svg: string | null;
  linked_wa_id: string | null;
  linked_wamid: string | null;
  linked_at: number | null;
  created_at: number;
  expires_at: number;
};

const toHandoff = (r: Row): HandoffRow => ({
  id: r.id,
  code: r.code,
  channel: r.channel,
  phone: r.phone,
  requestedBy: r.requested_by,
  customerName: r.customer_name,
  language: r.language,
  agentId: r.agent_id,
  ticket: JSON.parse(r.ticket_json) as TicketRef,
  status: r.status,
  messageId: r.message_id,
  waMeLink: r.wa_me_link,
  qrSvg: r.qr_svg,
  linkedWaId: r.linked_wa_id,
  linkedWamid: r.linked_wamid,
  linkedAt: r.linked_at,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/** The public shape (shared `Handoff`), without the server's bookkeeping fields. */
export const publicHandoff = (h: HandoffRow): Handoff => ({
  id: h.id,
  code: h.code,
  channel: h.channel,
  phone: h.phone,
  requestedBy: h.requestedBy,
  agentId: h.agentId,
  ticket: h.ticket,
  status: h.status,
  messageId: h.messageId,
  waMeLink: h.waMeLink,
  qrSvg: h.qrSvg,
  linkedWaId: h.linkedWaId,
  linkedAt: h.linkedAt,
  createdAt: h.createdAt,
});

export function insertHandoff(
  db: DB,
  h: Pick<HandoffRow, 'id' | 'code' | 'channel' | 'phone' | 'requestedBy' | 'customerName' | 'language' | 'agentId' | 'ticket' | 'status' | 'messageId' | 'waMeLink' | 'qrSvg' | 'createdAt' | 'expiresAt'>,
): void {
  prepared(db, 
    `INSERT INTO handoffs (id, code, channel, phone, requested_by, customer_name, language, agent_id, ticket_json, status, message_id,
       wa_me_link, qr_svg, created_at, expires_at)
     VALUES (@id, @code, @channel, @phone, @requestedBy, @customerName, @language, @agentId, @ticket, @status, @messageId,
       @waMeLink, @qrSvg, @createdAt, @expiresAt)`,
  ).run({ ...h, ticket: JSON.stringify(h.ticket) });
}

export function getHandoff(db: DB, id: string): HandoffRow | null {
  const row = prepared(db, 'SELECT * FROM handoffs WHERE id = ?').get(id) as Row | undefined;
  return row ? toHandoff(row) : null;
}

export function getHandoffByCode(db: DB, code: string): HandoffRow | null {
  const row = prepared(db, 'SELECT * FROM handoffs WHERE code = ?').get(code) as Row | undefined;
  return row ? toHandoff(row) : null;
}

/** Hand-offs whose template went to `phone` and that wait for the customer's first reply, newest first. */
export function listWaitingForReply(db: DB, phone: string, now: number): HandoffRow[] {
  return (
    prepared(db, "SELECT * FROM handoffs WHERE phone = ? AND status = 'template_sent' AND expires_at > ? ORDER BY created_at DESC, rowid DESC")
      .all(phone, now) as Row[]
  ).map(toHandoff);
}

export function setHandoffSent(db: DB, id: string, messageId: string): void {
  prepared(db, "UPDATE handoffs SET status = 'template_sent', message_id = ? WHERE id = ? AND status != 'linked'").run(messageId, id);
}

/** Links the hand-off to the customer's WhatsApp; false when it was already linked (first message wins). */
export function markHandoffLinked(db: DB, id: string, l: { phone: string; waId: string; wamid: string; at: number }): boolean {
  const info = prepared(db, 
      `UPDATE handoffs SET status = 'linked', phone = COALESCE(phone, ?), linked_wa_id = ?, linked_wamid = ?, linked_at = ?
       WHERE id = ? AND status != 'linked'`,
    )
    .run(l.phone, l.waId, l.wamid, l.at, id);
  return info.changes === 1;
}
