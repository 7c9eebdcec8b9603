/**
 * Erasure on request (`DELETE /api/contacts/{phone}`, admin): removes the customer's personal data
 * and message contents, and keeps the minimum needed never to message the number again.
 *
 * What stays, and why:
 * - `erased_subjects`: the number's keyed hash (subject-key.ts) — the gate hashes every number it is
 *   asked to send to and refuses a match (`refuseErased`), until a NEW opt-in is recorded for it
 *   (the customer came back and consented again).
 * - The consent ledger keeps every record, redacted: phone → `erased:<subject>`, ticket, note,
 *   evidence and the digest's salt removed. The records are version 2 (consent-hash.ts): their hash
 *   covers a salted digest of those fields, so `GET /api/consents/verify` still passes, the proof
 *   that consent was given and withdrawn (what, when, how, by which agent) survives, and without the
 *   salt nothing in it can be linked back to a number. An `erasure_request` opt-out is appended
 *   first, so the ledger itself says the customer withdrew. Redacting is the one UPDATE the table's
 *   trigger allows.
 *   (The alternative — a per-contact key encrypting the personal fields, destroyed on erasure — was
 *   rejected: every ledger read would need decryption and key management, and the hash would still
 *   have to cover ciphertext that no longer decrypts; a salted digest gives the same guarantee with a
 *   plain, verifiable table.)
 * - Messages keep what analytics count (agent, template, statuses and times, error code, price, and
 *   whether the customer replied within 24 h, stamped before their messages are deleted); the number,
 *   values, rendered text, ticket, wamid (which encodes the number) and error texts are removed; status
 *   webhooks that arrive later for them no longer match anything.
 * - The audit log only ever held the subject, never the number.
 * Deleted outright: the contact, their inbound messages, opt-in codes and hand-offs for the number,
 * its send-rate state, and the customer-side rows of issue 7 (entry-point opt-ins, web opt-ins, survey
 * answers, tracked-link targets) when those tables exist. With `secure_delete` on during the erasure,
 * then VACUUM and a WAL checkpoint, the removed text does not linger in free pages or the log either.
 * Not reachable from here: Meta's own copies (the emulator's sandbox.sqlite plays Meta), backups and
 * log files — the operator must handle those (README).
 * @module
 */
import type { ConsentStatus } from '../../shared/schemas/consent';
import type { LiveEvent } from '../../shared/schemas/live-event';
import { moveMessage } from '../db/messages-repo';
import type { DB } from '../db/open-db';
import type { Deps } from '../deps';
import { ApiError } from '../errors';
import { appendAudit } from './audit';
import { appendConsent } from './consent-ledger';
import { erasedPhone, subjectOf } from './subject-key';
import { prepared } from '../db/prepared';

export const ERASED_MESSAGE_PHONE = 'erased';

export type ErasureResult = { subject: string; erasedAt: number; alreadyErased: boolean; counts: Record<string, number>; vacuumed: boolean };

const tableExists = (db: DB, name: string) => prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function isErased(db: DB, phone: string): boolean {
  // One statement: the gate asks this on every send.
  return prepared(db, 'SELECT 1 FROM erased_subjects WHERE subject = kopru_subject(?)').get(phone) !== undefined;
}

/**
 * The gate's check: an erased number gets nothing — unless the customer has opted in again
 * THEMSELVES since (from WhatsApp, a code, the double opt-in page or the preference centre: a record
 * the server wrote from their own evidence, with no agent on it), or it is the confirmation of an
 * opt-out they just sent. An agent's hand-recorded opt-in does not lift it: someone who asked to be
 * forgotten is not put back on the list by a click at the desk. (Their records before the erasure are
 * redacted, so every record the ledger shows for the number is newer than the erasure.)
 */
export function refuseErased(db: DB, phone: string, status: ConsentStatus, purpose: string | undefined): ApiError | null {
  if (purpose === 'optout_confirmation' || !isErased(db, phone)) return null;
  if (status === 'opted_in') {
    const last = prepared(db, "SELECT agent_id FROM consents WHERE phone = ? AND action = 'opt_in' ORDER BY seq DESC LIMIT 1").get(phone) as { agent_id: string | null } | undefined;
    if (last && last.agent_id === null) return null;
  }
  return new ApiError('OPTED_OUT', "This customer's data was erased at their request; nothing can be sent to them until they opt in again themselves.", { erased: true });
}

export function eraseContact(deps: Pick<Deps, 'db' | 'clock' | 'events' | 'log'>, agentId: string, phone: string): ErasureResult {
  const { db } = deps;
  const now = deps.clock.now();
  const secure = db.pragma('secure_delete', { simple: true });
  db.pragma('secure_delete = ON');
  try {
    const { result, events } = db.transaction(() => run(db, agentId, phone, now)).immediate();
    for (const e of events) deps.events.publish(e);
    return { ...result, vacuumed: purgeFile(deps) };
  } finally {
    db.pragma(`secure_delete = ${Number(secure) ? 'ON' : 'OFF'}`);
  }
}

/**
 * The rows are gone; their bytes may not be. Pages SQLite freed or rearranged earlier (a status
 * update that grew a row, a page split) can still hold old copies of a row in free space, written
 * before `secure_delete` was on. VACUUM rebuilds the file from the live rows only, and a TRUNCATE
 * checkpoint empties the write-ahead log. It blocks the server for as long as rewriting the database
 * takes (about a second per 100 MB) — acceptable for an action an admin takes a few times a month.
 * A failure is logged, not raised: the erasure itself has been committed.
 */
function purgeFile(deps: Pick<Deps, 'db' | 'log'>): boolean {
  try {
    deps.db.exec('VACUUM');
    deps.db.pragma('wal_checkpoint(TRUNCATE)');
    return true;
  } catch (error) {
    deps.log.warn('erasure committed, but the database file could not be compacted yet; old copies leave it at the next VACUUM', { error });
    return false;
  }
}

function run(db: DB, agentId: string, phone: string, now: number): { result: Omit<ErasureResult, 'vacuumed'>; events: LiveEvent[] } {
  const subject = subjectOf(db, phone);
  const counts: Record<string, number> = {};
  const count = (key: string, n: number) => {
    if (n) counts[key] = (counts[key] ?? 0) + n;
  };
  const events: LiveEvent[] = [];
  const known = prepared(db, 'SELECT 1 FROM erased_subjects WHERE subject = ?').get(subject) !== undefined;
  const plaintext = prepared(db, 'SELECT COUNT(*) FROM consents WHERE phone = ?').pluck().get(phone) as number;

  // 1. Nothing queued for them goes out any more.
  for (const id of prepared(db, "SELECT id FROM messages WHERE phone = ? AND status = 'queued'").pluck().all(phone) as string[]) {
    const change = moveMessage(db, id, 'failed', { at: now, errorCode: null, errorReason: "Not sent: the customer's data was erased at their request." });
    if (change) (events.push(change), count('queuedStopped', 1));
  }
  // 2. The withdrawal, in the ledger; then every record of the number redacted.
  if (plaintext > 0 || !known) appendConsent(db, now, { phone, action: 'opt_out', method: 'erasure_request', agentId });
  count(
    'consentsRedacted',
    prepared(db, 'UPDATE consents SET phone = ?, ticket_json = NULL, note = NULL, evidence_json = NULL, pii_salt = NULL, redacted_at = ? WHERE phone = ? AND redacted_at IS NULL')
      .run(erasedPhone(subject), now, phone).changes,
  );
  // 3. Messages: keep the analytic facts, drop everything about the person. The wamid becomes a
  //    placeholder, not NULL: a late status webhook finds a NULL-wamid row by our callback id and
  //    would write Meta's wamid (which encodes the number) back.
  prepared(db, 
    `UPDATE messages SET replied_at = (SELECT MIN(i.received_at) FROM inbound_messages i
       WHERE i.phone = messages.phone AND i.received_at > messages.created_at AND i.received_at <= messages.created_at + 86400000)
     WHERE phone = ? AND kind = 'template' AND replied_at IS NULL`,
  ).run(phone);
  const ids = prepared(db, 'SELECT id FROM messages WHERE phone = ?').pluck().all(phone) as string[];
  for (const id of ids) prepared(db, 'UPDATE message_events SET detail = NULL WHERE message_id = ?').run(id);
  count(
    'messagesAnonymised',
    prepared(db, 
        `UPDATE messages SET phone = ?, idempotency_key = 'erased:' || id, request_hash = '', values_json = NULL, components_json = NULL,
           preview_json = '{"body":""}', text = NULL, ticket_json = NULL, wamid = 'erased:' || id, error_reason = NULL, contents_removed_at = ?
         WHERE phone = ?`,
      )
      .run(ERASED_MESSAGE_PHONE, now, phone).changes,
  );
  // 4. Everything else that names them.
  const waId = phone.replace(/^\+/, '');
  count('inboundDeleted', prepared(db, 'DELETE FROM inbound_messages WHERE phone = ?').run(phone).changes);
  count('contactDeleted', prepared(db, 'DELETE FROM contacts WHERE phone = ?').run(phone).changes);
  count('optinCodesDeleted', prepared(db, 'DELETE FROM optin_codes WHERE phone = ? OR confirmed_phone = ?').run(phone, phone).changes);
  count('handoffsDeleted', prepared(db, 'DELETE FROM handoffs WHERE phone = ? OR linked_wa_id = ?').run(phone, waId).changes);
  prepared(db, 'DELETE FROM rate_limits WHERE key = ?').run(`pair:${phone}`);
  eraseCustomerSide(db, phone, ids, count);
  // 5. What stops the next send, and the record of having done it.
  prepared(db, 'INSERT OR IGNORE INTO erased_subjects (subject, erased_at, erased_by) VALUES (?, ?, ?)').run(subject, now, agentId);
  appendAudit(db, { action: 'contact.erase', actor: { id: agentId, kind: 'admin' }, at: now, subject, target: `subject:${subject}`, details: { counts, alreadyErased: known && plaintext === 0 } });
  events.push({ type: 'consent.changed', phone, status: 'opted_out', method: 'erasure_request', recordId: `subject:${subject}`, at: now });
  return { result: { subject, erasedAt: now, alreadyErased: known && plaintext === 0, counts }, events };
}

/** Issue 7's tables (migration 0005), when present: the rows are kept for counts, the person removed. */
function eraseCustomerSide(db: DB, phone: string, messageIds: string[], count: (key: string, n: number) => void): void {
  if (tableExists(db, 'entry_point_optins')) {
    count('entryPointOptinsAnonymised', prepared(db, 'UPDATE entry_point_optins SET phone = ? WHERE phone = ?').run(ERASED_MESSAGE_PHONE, phone).changes);
  }
  if (tableExists(db, 'web_optins')) {
    count(
      'webOptinsAnonymised',
      prepared(db, 'UPDATE web_optins SET phone = ?, name = NULL, ip_hash = NULL, user_agent = NULL, settled_wamid = NULL WHERE phone = ?').run(ERASED_MESSAGE_PHONE, phone)
        .changes,
    );
  }
  if (tableExists(db, 'survey_answers')) {
    count(
      'surveyAnswersAnonymised',
      prepared(db, "UPDATE survey_answers SET phone = ?, ticket_json = NULL, inbound_wamid = '' WHERE phone = ?").run(ERASED_MESSAGE_PHONE, phone).changes,
    );
  }
  if (tableExists(db, 'tracked_links')) {
    // The target URL may carry the customer's order or account in its suffix.
    const clear = prepared(db, "UPDATE tracked_links SET target_url = '' WHERE message_id = ?");
    for (const id of messageIds) count('trackedLinksCleared', clear.run(id).changes);
  }
}
