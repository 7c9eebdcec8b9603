/**
 * The consent ledger's hash chain. Each record carries `prevHash` (the previous record's hash, or
 * GENESIS_HASH for the first) and `hash = sha256(prevHash + canonicalJson(fields))`, so editing,
 * removing or reordering any record breaks every hash after it. The SQLite triggers stop accidental
 * edits; the chain is what lets anyone *prove* nobody went around them.
 *
 * Limit: dropping records from the very end leaves a valid (shorter) chain. Exporting the head hash
 * now and then (GET /api/consents/verify returns it) lets an auditor notice that too.
 * @module
 */
import { createHash } from 'node:crypto';
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

export function consentHash(prevHash: string, fields: HashedFields): string {
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
  return createHash('sha256').update(prevHash).update(canonicalJson(f)).digest('hex');
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenAt: number; reason: string };

/**
 * Walks records in `seq` order and re-derives every link. `brokenAt` is the seq of the first record
 * whose stored hashes do not match what its content and predecessor say they must be.
 */
export function verifyChain(records: Iterable<ConsentRecord>): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  let broken: { brokenAt: number; reason: string } | null = null;
  for (const r of records) {
    count++;
    if (broken) continue; // keep counting so the answer says how large the ledger is
    if (r.prevHash !== prev) {
      broken = { brokenAt: r.seq, reason: `Record ${r.seq} does not point at the hash of the record before it.` };
    } else if (consentHash(prev, r) !== r.hash) {
      broken = { brokenAt: r.seq, reason: `Record ${r.seq} was changed after it was written.` };
    }
    prev = r.hash;
  }
  return broken ? { ok: false, count, ...broken } : { ok: true, count, headHash: prev };
}
