/**
 * The audit log: who did what, append-only (SQLite triggers) and hash-chained like the consent
 * ledger (`hash = sha256(prevHash + canonicalJson(entry))`), so an edit, a removal or a reordering is
 * detectable with `verifyAudit`.
 *
 * What is recorded, and from where (each is one call at the place the thing happens):
 * - every message queued for sending — `submitMessage` (send-message.ts, via price-estimate.ts);
 * - every consent record — `appendConsent` (consent-ledger.ts), whoever wrote it;
 * - template events from Meta — the webhook path (webhook-events.ts, via alerts.ts) — and template
 *   creation by an admin;
 * - every other agent action: each non-GET `/api` request that got past authentication and the role
 *   check (method, route pattern, status) — `auditRequests` middleware in app.ts;
 * - erasure, retention changes and runs, consent exports.
 *
 * Entries never hold personal data: a customer is only a `subject` (subject-key.ts), details carry
 * ids, names of templates, statuses and counts, and routes are recorded as patterns
 * (`/api/contacts/:phone`), never as filled-in paths.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ActorKind, AuditAction, AuditEntry } from '../../shared/schemas/audit';
import type { ConsentRecord } from '../../shared/schemas/consent';
import { getAgent, SYSTEM_AGENT_ID } from '../db/agents-repo';
import { getAuditHead, insertAuditRow } from '../db/audit-repo';
import type { DB } from '../db/open-db';
import { canonicalJson, GENESIS_HASH } from './consent-hash';
import { subjectOf } from './subject-key';

export type AuditActor = { id: string | null; kind: ActorKind };

export type AuditInput = {
  action: AuditAction;
  actor: AuditActor;
  at: number;
  /** The customer's E.164: stored only as its keyed hash. */
  phone?: string;
  /** Already a keyed hash (a redacted record, an erasure). */
  subject?: string;
  target?: string;
  details?: Record<string, unknown>;
};

export const SYSTEM_ACTOR_ID = SYSTEM_AGENT_ID;

/** The actor for an agent id: its role, `system` for the automatic sender. */
export function agentActor(db: DB, agentId: string): AuditActor {
  if (agentId === SYSTEM_ACTOR_ID) return { id: agentId, kind: 'system' };
  return { id: agentId, kind: getAgent(db, agentId)?.role === 'admin' ? 'admin' : 'agent' };
}

type Hashed = Omit<AuditEntry, 'hash' | 'prevHash'>;

export function auditHash(prevHash: string, e: Hashed): string {
  const f = { id: e.id, seq: e.seq, at: e.at, action: e.action, actorId: e.actor.id, actorKind: e.actor.kind, subject: e.subject, target: e.target, details: e.details };
  return createHash('sha256').update(prevHash).update(canonicalJson(f)).digest('hex');
}

/** Appends one entry (inside the caller's transaction when there is one) and returns it. */
export function appendAudit(db: DB, input: AuditInput): AuditEntry {
  // Inside the caller's transaction already (the send path): no savepoint needed around one insert.
  return db.inTransaction ? writeAudit(db, input) : db.transaction(() => writeAudit(db, input))();
}

function writeAudit(db: DB, input: AuditInput): AuditEntry {
  const head = getAuditHead(db);
  const fields: Hashed = {
    seq: (head?.seq ?? 0) + 1,
    id: `aud_${randomUUID()}`,
    at: input.at,
    action: input.action,
    actor: input.actor,
    subject: input.subject ?? (input.phone ? subjectOf(db, input.phone) : null),
    target: input.target ?? null,
    details: input.details ?? {},
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const entry: AuditEntry = { ...fields, prevHash, hash: auditHash(prevHash, fields) };
  insertAuditRow(db, entry);
  return entry;
}

/** Who captured a consent: the agent who recorded it, else the customer (WhatsApp, a code, a page). */
export function auditConsent(db: DB, r: ConsentRecord): AuditEntry {
  return appendAudit(db, {
    action: 'consent.record',
    actor: r.agentId ? agentActor(db, r.agentId) : { id: null, kind: 'customer' },
    at: r.createdAt,
    phone: r.phone,
    target: r.id,
    details: { consentId: r.id, seq: r.seq, action: r.action, method: r.method, topics: r.topics, wordingId: r.wordingId },
  });
}

export type AuditVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenAt: number; reason: string };

/** Re-derives every link of the audit chain (same rules as the consent ledger's). */
export function verifyAudit(entries: Iterable<AuditEntry>): AuditVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  let broken: { brokenAt: number; reason: string } | null = null;
  for (const e of entries) {
    count++;
    if (broken) continue;
    if (e.prevHash !== prev) broken = { brokenAt: e.seq, reason: `Entry ${e.seq} does not point at the hash of the entry before it.` };
    else if (auditHash(prev, e) !== e.hash) broken = { brokenAt: e.seq, reason: `Entry ${e.seq} was changed after it was written.` };
    prev = e.hash;
  }
  return broken ? { ok: false, count, ...broken } : { ok: true, count, headHash: prev };
}
