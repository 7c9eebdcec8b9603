/**
 * SQL for the consent ledger. Only INSERT and SELECT: the table's triggers refuse UPDATE and DELETE.
 * @module
 */
import type { ConsentRecord } from '../../shared/schemas/consent';
import type { DB } from './open-db';
import { prepared } from './prepared';

type ConsentRow = {
  seq: number;
  id: string;
  phone: string;
  action: ConsentRecord['action'];
  method: ConsentRecord['method'];
  topics_json: string;
  wording_id: string | null;
  agent_id: string | null;
  ticket_json: string | null;
  note: string | null;
  evidence_json: string | null;
  created_at: number;
  prev_hash: string;
  hash: string;
  hash_version: 1 | 2;
  pii_salt: string | null;
  pii_digest: string | null;
  redacted_at: number | null;
};

const parseJson = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export const toConsentRecord = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  seq: r.seq,
  phone: r.phone,
  action: r.action,
  method: r.method,
  topics: JSON.parse(r.topics_json) as ConsentRecord['topics'],
  wordingId: r.wording_id,
  agentId: r.agent_id,
  ticket: parseJson<ConsentRecord['ticket']>(r.ticket_json),
  note: r.note,
  evidence: parseJson<ConsentRecord['evidence']>(r.evidence_json),
  createdAt: r.created_at,
  prevHash: r.prev_hash,
  hash: r.hash,
  hashVersion: r.hash_version,
  piiSalt: r.pii_salt,
  piiDigest: r.pii_digest,
  redactedAt: r.redacted_at,
});

export function insertConsentRow(db: DB, r: ConsentRecord): void {
  prepared(db, 
    `INSERT INTO consents (seq, id, phone, action, method, topics_json, wording_id, agent_id, ticket_json, note,
       evidence_json, created_at, prev_hash, hash, hash_version, pii_salt, pii_digest, redacted_at)
     VALUES (@seq, @id, @phone, @action, @method, @topics, @wordingId, @agentId, @ticket, @note, @evidence, @createdAt,
       @prevHash, @hash, @hashVersion, @piiSalt, @piiDigest, @redactedAt)`,
  ).run({
    ...r,
    hashVersion: r.hashVersion ?? 1,
    piiSalt: r.piiSalt ?? null,
    piiDigest: r.piiDigest ?? null,
    redactedAt: r.redactedAt ?? null,
    topics: JSON.stringify(r.topics),
    ticket: r.ticket === null ? null : JSON.stringify(r.ticket),
    evidence: r.evidence === null ? null : JSON.stringify(r.evidence),
  });
}

/** The newest record of the whole ledger: the link the next record chains to. */
export function getChainHead(db: DB): { seq: number; hash: string } | null {
  return (prepared(db, 'SELECT seq, hash FROM consents ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

/** A phone's records, oldest first (the order their effects apply in). */
export function listConsentsForPhone(db: DB, phone: string): ConsentRecord[] {
  return (prepared(db, 'SELECT * FROM consents WHERE phone = ? ORDER BY seq').all(phone) as ConsentRow[]).map(toConsentRecord);
}

export function getConsent(db: DB, id: string): ConsentRecord | null {
  const row = prepared(db, 'SELECT * FROM consents WHERE id = ?').get(id) as ConsentRow | undefined;
  return row ? toConsentRecord(row) : null;
}

/** Every record in chain order, streamed so verifying a large ledger does not load it at once. */
export function* iterateConsents(db: DB): Generator<ConsentRecord> {
  for (const row of db.prepare('SELECT * FROM consents ORDER BY seq').iterate() as Iterable<ConsentRow>) {
    yield toConsentRecord(row);
  }
}

/** The newest record a given method wrote for a phone (e.g. to recognise a repeated Meta event). */
export function lastConsentByMethod(db: DB, phone: string, method: ConsentRecord['method']): ConsentRecord | null {
  const row = prepared(db, 'SELECT * FROM consents WHERE phone = ? AND method = ? ORDER BY seq DESC LIMIT 1').get(phone, method) as ConsentRow | undefined;
  return row ? toConsentRecord(row) : null;
}

/** A page of the ledger in chain order, for export. */
export function listConsentsAfter(db: DB, afterSeq: number, limit: number): ConsentRecord[] {
  return (prepared(db, 'SELECT * FROM consents WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as ConsentRow[]).map(toConsentRecord);
}
