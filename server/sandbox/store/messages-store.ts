/**
 * Every message that crossed the sandbox: outbound (what the Graph API accepted, rendered as the
 * customer's phone shows it) and inbound (what a simulated customer wrote).
 *
 * @module
 */
import type { TemplateCategory } from '../../../shared/schemas/template';
import type { SandboxDb } from './open-store';
import { nextCounter } from './open-store';

export type RenderedHeader =
  | { type: 'text'; text: string }
  | { type: 'image' | 'video' | 'document'; link?: string; id?: string; filename?: string }
  | { type: 'location'; latitude?: number; longitude?: number; name?: string; address?: string };

export type RenderedButton =
  | { type: 'quick_reply'; text: string; payload: string }
  | { type: 'url'; text: string; url: string }
  | { type: 'phone_number'; text: string; phone_number: string }
  | { type: 'copy_code'; text: string; code: string }
  | { type: 'flow'; text: string };

/** What the customer's phone shows for a template message. */
export type RenderedTemplate = {
  header?: RenderedHeader;
  body: string;
  footer?: string;
  buttons: RenderedButton[];
};

export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export type OutboundMessage = {
  direction: 'outbound';
  id: string;
  waId: string;
  input: string;
  type: 'template' | 'text';
  at: number;
  apiVersion: string;
  status: OutboundStatus;
  template?: { id: string; name: string; language: string; category: TemplateCategory };
  rendered?: RenderedTemplate;
  text?: string;
  bizOpaqueCallbackData?: string;
  /** Whether the customer's window was open when the message was accepted (drives pricing). */
  windowOpenAtSend: boolean;
  errors?: Array<{ code: number }>;
};

export type InboundMessage = {
  direction: 'inbound';
  id: string;
  waId: string;
  at: number;
  type: 'text' | 'button' | 'interactive';
  text?: string;
  button?: { payload: string; text: string };
  interactive?: { type: 'button_reply'; button_reply: { id: string; title: string } };
  contextId?: string;
  readByBusiness?: boolean;
};

export type StoredMessage = OutboundMessage | InboundMessage;

export function insertMessage(db: SandboxDb, m: StoredMessage): void {
  db.prepare('INSERT INTO messages (id, seq, wa_id, direction, data) VALUES (?, ?, ?, ?, ?)').run(
    m.id,
    nextCounter(db, 'message_seq'),
    m.waId,
    m.direction,
    JSON.stringify(m),
  );
}

export function saveMessage(db: SandboxDb, m: StoredMessage): void {
  db.prepare('UPDATE messages SET data = ? WHERE id = ?').run(JSON.stringify(m), m.id);
}

export function getMessage(db: SandboxDb, id: string): StoredMessage | undefined {
  const row = db.prepare('SELECT data FROM messages WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as StoredMessage) : undefined;
}

export function messagesFor(db: SandboxDb, waId: string): StoredMessage[] {
  const rows = db.prepare('SELECT data FROM messages WHERE wa_id = ? ORDER BY seq').all(waId) as Array<{ data: string }>;
  return rows.map((r) => JSON.parse(r.data) as StoredMessage);
}

export function outboundMessages(db: SandboxDb): OutboundMessage[] {
  const rows = db.prepare("SELECT data FROM messages WHERE direction = 'outbound' ORDER BY seq").all() as Array<{
    data: string;
  }>;
  return rows.map((r) => JSON.parse(r.data) as OutboundMessage);
}
