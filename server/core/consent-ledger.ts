/**
 * The consent ledger: how consent is recorded (one append-only, hash-chained row per capture) and how
 * a contact's current consent is derived from those rows (never stored, never edited).
 *
 * Derivation, oldest record first:
 * - `opt_in` sets status `opted_in` with the record's topics (the newest opt-in's topics win).
 * - `opt_out` with no topics is a full opt-out: status `opted_out`, no topics.
 * - `opt_out` with topics removes just those topics from a standing opt-in; removing the last one
 *   is a full opt-out.
 * - `meta_preferences` records (Meta's in-app "stop/resume marketing", reference §6.2) only switch the
 *   `marketing` topic off and back on. They never change the status: Meta's stop covers marketing
 *   messages, and utility consent given to the business is unaffected by it — the customer's own
 *   STOP/İPTAL (or an agent's record) is what stops utility messages.
 * @module
 */
import { randomUUID } from 'node:crypto';
import {
  ConsentTopic,
  type ConsentAction,
  type ConsentMethod,
  type ConsentRecord,
  type ConsentState,
  type ConsentStatus,
  type ConsentWording,
} from '../../shared/schemas/consent';
import type { TicketRef } from '../../shared/schemas/ticket-ref';
import { getChainHead, insertConsentRow, listConsentsForPhone } from '../db/consents-repo';
import type { DB } from '../db/open-db';
import { getWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { auditConsent } from './audit';
import { consentHash, GENESIS_HASH, newPiiSalt, piiDigest } from './consent-hash';

/** What an opt-in without explicit topics covers: the utility messages the default wording names. */
export const DEFAULT_OPTIN_TOPICS: ConsentTopic[] = ['order_updates', 'shipping', 'appointments', 'payments', 'account_notices'];

export type RecordConsentInput = {
  phone: string;
  action: ConsentAction;
  method: ConsentMethod;
  topics?: ConsentTopic[];
  wordingId?: string;
  agentId?: string;
  ticket?: TicketRef;
  note?: string;
  evidence?: Record<string, unknown>;
};

const HISTORY_LIMIT = 20;

/**
 * Appends one record to the chain inside an IMMEDIATE transaction (so two writers can never chain to
 * the same head) and returns it. No event is published: callers inside a larger transaction publish
 * after their commit. `now` is the record's time.
 */
export function appendConsent(db: DB, now: number, input: RecordConsentInput): ConsentRecord {
  const topics = normaliseTopics(input);
  return db
    .transaction(() => {
      const head = getChainHead(db);
      const fields = {
        id: `cns_${randomUUID()}`,
        seq: (head?.seq ?? 0) + 1,
        phone: input.phone,
        action: input.action,
        method: input.method,
        topics,
        wordingId: input.wordingId ?? null,
        agentId: input.agentId ?? null,
        ticket: input.ticket ?? null,
        note: input.note ?? null,
        evidence: input.evidence ?? null,
        createdAt: now,
      };
      // Version 2: the hash covers a salted digest of the personal fields, so erasure can remove them.
      const piiSalt = newPiiSalt();
      const hashed = { ...fields, hashVersion: 2 as const, piiSalt, piiDigest: piiDigest(piiSalt, fields), redactedAt: null };
      const prevHash = head?.hash ?? GENESIS_HASH;
      const record: ConsentRecord = { ...hashed, prevHash, hash: consentHash(prevHash, hashed) };
      insertConsentRow(db, record);
      auditConsent(db, record);
      return record;
    })
    .immediate();
}

/** Appends a record and tells connected panels (`consent.changed` with the contact's new status). */
export function recordConsent(deps: Pick<Deps, 'db' | 'clock' | 'events'>, input: RecordConsentInput): ConsentRecord {
  const record = appendConsent(deps.db, deps.clock.now(), input);
  publishConsentChanged(deps, record);
  return record;
}

export function publishConsentChanged(deps: Pick<Deps, 'db' | 'events'>, record: ConsentRecord): void {
  deps.events.publish({
    type: 'consent.changed',
    phone: record.phone,
    status: consentState(deps.db, record.phone, { historyLimit: 0 }).status,
    method: record.method,
    recordId: record.id,
    at: record.createdAt,
  });
}

/** A contact's current consent, derived from the ledger; `history` newest first. */
export function consentState(db: DB, phone: string, opts: { historyLimit?: number } = {}): ConsentState {
  const records = listConsentsForPhone(db, phone);
  const limit = opts.historyLimit ?? HISTORY_LIMIT;
  return { ...deriveConsent(records), history: limit > 0 ? records.slice(-limit).reverse() : [] };
}

/** The fold described in the module comment; `records` oldest first. */
export function deriveConsent(records: readonly ConsentRecord[]): Omit<ConsentState, 'history'> {
  let status: ConsentStatus = 'none';
  let topics = new Set<ConsentTopic>();
  let marketingStoppedByMeta = false;
  for (const r of records) {
    if (r.method === 'meta_preferences') {
      marketingStoppedByMeta = r.action === 'opt_out';
      continue;
    }
    if (r.action === 'opt_in') {
      status = 'opted_in';
      topics = new Set(r.topics);
      // A newer explicit opt-in that names marketing is newer consent than Meta's stop.
      if (r.topics.includes('marketing')) marketingStoppedByMeta = false;
    } else if (r.topics.length === 0) {
      status = 'opted_out';
      topics = new Set();
    } else if (status === 'opted_in') {
      for (const t of r.topics) topics.delete(t);
      if (topics.size === 0) status = 'opted_out';
    }
    // A topic opt-out without a standing opt-in changes nothing: there was nothing to withdraw, and
    // turning it into a full opt-out would also block replies the customer asked for.
  }
  if (marketingStoppedByMeta) topics.delete('marketing');
  const ordered = ConsentTopic.options.filter((t) => topics.has(t));
  return { status, topics: ordered, updatedAt: records.at(-1)?.createdAt ?? null };
}

function normaliseTopics(input: RecordConsentInput): ConsentTopic[] {
  const given = [...new Set(input.topics ?? [])];
  if (input.action === 'opt_in' && given.length === 0) return [...DEFAULT_OPTIN_TOPICS];
  // Sorted in the enum's order so the same choice always hashes the same way.
  return ConsentTopic.options.filter((t) => given.includes(t));
}

/** A wording as the customer reads it: `{business}` filled with the configured business name. */
export function renderWording(w: ConsentWording, businessName: string): ConsentWording {
  return { ...w, text: w.text.replaceAll('{business}', businessName) };
}

/**
 * What a record keeps about the wording it points at: the exact text shown, so the proof stays
 * readable (and covered by the hash chain) even if the business is renamed later.
 */
export function wordingEvidence(db: DB, wordingId: string, businessName: string): Record<string, unknown> | null {
  const w = getWording(db, wordingId);
  if (!w) return null;
  const shown = renderWording(w, businessName);
  return { id: shown.id, version: shown.version, language: shown.language, text: shown.text };
}
