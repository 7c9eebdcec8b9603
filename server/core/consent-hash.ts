/**
 * The consent ledger's hash chain. Each record carries `prevHash` (the previous record's hash, or
 * GENESIS_HASH for the first) and `hash = sha256(prevHash + canonicalJson(fields))`, so editing,
 * removing or reordering any record breaks every hash after it. The SQLite triggers stop accidental
 * edits; the chain is what lets anyone *prove* nobody went around them.
 *
 * Two record versions:
 * - 1 (before migration 0004): `fields` is the whole record in plaintext.
 * - 2: `fields` holds the non-personal fields plus `piiDigest = sha256(piiSalt + canonicalJson({
 *   phone, ticket, note, evidence }))` with a random per-record salt. While the personal fields are
 *   there, verification recomputes the digest from them (an edit is caught); after an erasure has
 *   removed them and the salt (the only update the table's trigger allows), the stored digest stands
 *   in for them and the chain still verifies — without anything left that identifies the customer,
 *   since an unsalted digest of a phone number could be reversed by trying every number.
 *   A redacted version 1 record can only be checked for its links (its content hash needs the
 *   plaintext); the verdict counts those honestly as `unverifiable`.
 *
 * Limit: dropping records from the very end leaves a valid (shorter) chain. Exporting the head hash
 * now and then (GET /api/consents/verify returns it) lets an auditor notice that too.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConsentRecord } from '../../shared/schemas/consent';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers: everything in a record except the two hashes themselves. */
export type HashedFields = Omit<ConsentRecord, 'hash' | 'prevHash'>;

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so the same record
 * always serialises to the same bytes whatever order its properties were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const sha256 = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** The personal fields of a record: what erasure removes. */
export type PersonalFields = Pick<ConsentRecord, 'phone' | 'ticket' | 'note' | 'evidence'>;

export const newPiiSalt = () => randomBytes(16).toString('hex');

export function piiDigest(salt: string, f: PersonalFields): string {
  return sha256(salt, canonicalJson({ phone: f.phone, ticket: f.ticket, note: f.note, evidence: f.evidence }));
}

/** The digest a version 2 record's hash covers: from the plaintext while it exists, else as stored. */
function digestFor(fields: HashedFields): string {
  if (!fields.redactedAt && typeof fields.piiSalt === 'string') return piiDigest(fields.piiSalt, fields);
  return fields.piiDigest ?? '';
}

export function consentHash(prevHash: string, fields: HashedFields): string {
  if (fields.hashVersion === 2) {
    const f = {
      v: 2,
      id: fields.id,
      seq: fields.seq,
      action: fields.action,
      method: fields.method,
      topics: fields.topics,
      wordingId: fields.wordingId,
      agentId: fields.agentId,
      createdAt: fields.createdAt,
      piiDigest: digestFor(fields),
    };
    return sha256(prevHash, canonicalJson(f));
  }
  const f: HashedFields = {
    id: fields.id,
    seq: fields.seq,
    phone: fields.phone,
    action: fields.action,
    method: fields.method,
    topics: fields.topics,
    wordingId: fields.wordingId,
    agentId: fields.agentId,
    ticket: fields.ticket,
    note: fields.note,
    evidence: fields.evidence,
    createdAt: fields.createdAt,
  };
  return sha256(prevHash, canonicalJson(f));
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string; redacted?: number; unverifiable?: number[] }
  | { ok: false; count: number; brokenAt: number; reason: string };

/**
 * Walks records in `seq` order and re-derives every link. `brokenAt` is the seq of the first record
 * whose stored hashes do not match what its content and predecessor say they must be. `redacted`
 * (erased records) and `unverifiable` (redacted version 1 records, checked for links only) appear
 * only when there are any.
 */
export function verifyChain(records: Iterable<ConsentRecord>): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  let redacted = 0;
  const unverifiable: number[] = [];
  let broken: { brokenAt: number; reason: string } | null = null;
  for (const r of records) {
    count++;
    if (broken) continue; // keep counting so the answer says how large the ledger is
    if (r.redactedAt) redacted++;
    if (r.prevHash !== prev) {
      broken = { brokenAt: r.seq, reason: `Record ${r.seq} does not point at the hash of the record before it.` };
    } else if (r.hashVersion !== 2 && r.redactedAt) {
      unverifiable.push(r.seq);
    } else if (consentHash(prev, r) !== r.hash) {
      broken = { brokenAt: r.seq, reason: `Record ${r.seq} was changed after it was written.` };
    } else if (r.hashVersion === 2 && !r.redactedAt && r.piiDigest !== digestFor(r)) {
      // The hash holds, but the stored digest (what stands in after an erasure) was altered.
      broken = { brokenAt: r.seq, reason: `Record ${r.seq} has a stored digest that does not match its personal fields.` };
    }
    prev = r.hash;
  }
  if (broken) return { ok: false, count, ...broken };
  return { ok: true, count, headHash: prev, ...(redacted ? { redacted } : {}), ...(unverifiable.length ? { unverifiable } : {}) };
}
