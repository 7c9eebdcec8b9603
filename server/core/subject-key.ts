/**
 * The keyed hash that stands in for a customer's number wherever Köprü must remember someone without
 * keeping who they are: the erasure suppression list, the audit log's `subject`, a redacted consent
 * record's `erased:<subject>`.
 *
 *   subject = HMAC-SHA256(server secret, E.164)   (64 hex characters)
 *
 * Why keyed: phone numbers are few (~10^10 per country), so a plain SHA-256 of one is reversed by
 * trying them all in minutes. With the key, the hash can only be recomputed by this server — which is
 * exactly what "never message an opted-out number again" needs (hash the number being sent to, look
 * it up) — and a copy of the database alone reveals nobody.
 *
 * The secret is 32 random bytes, generated into `<data dir>/subject-key` (mode 0600) the first time
 * the database is opened, next to `kopru.sqlite` but in its own file, so a database dump or backup
 * does not carry it. Back it up with the database: without it the server can no longer recognise the
 * numbers it erased (they would become sendable again once a new opt-in is recorded by hand — the
 * gate would no longer know they were erased). It is never regenerated over an existing file.
 *
 * The key is bound to the connection as the SQL function `kopru_subject(phone)`, so both SQL and
 * code (`subjectOf`) use the one definition and no module-level state holds the secret.
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { prepared } from '../db/messages-repo';

export const SUBJECT_KEY_FILE = 'subject-key';

/** Reads the data folder's secret, creating it on first use. A malformed file stops the server. */
export function loadSubjectKey(dataDir: string): Buffer {
  const file = join(dataDir, SUBJECT_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    try {
      // 'wx': two processes starting at once cannot overwrite each other's key.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    text = readFileSync(file, 'utf8');
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`${file} is not a Köprü subject key (64 hex characters). Restore it from a backup; do not delete it.`);
  }
  return Buffer.from(hex, 'hex');
}

export const hmacSubject = (key: Buffer, phone: string): string => createHmac('sha256', key).update(phone, 'utf8').digest('hex');

/**
 * Binds `kopru_subject(phone)` to a connection. `file` is the database file (its folder holds the
 * key); an in-memory database gets a throw-away key.
 */
export function registerSubjectFunction(db: Database.Database, file: string): void {
  const key = file === ':memory:' ? randomBytes(32) : loadSubjectKey(dirname(file));
  db.function('kopru_subject', { deterministic: true }, (phone: unknown) => (typeof phone === 'string' ? hmacSubject(key, phone) : null));
}

/** The keyed hash of an E.164 number, computed by the connection's bound key. */
export function subjectOf(db: Database.Database, phone: string): string {
  return prepared(db, 'SELECT kopru_subject(?)').pluck().get(phone) as string;
}

/** How a redacted consent record names its (former) customer. */
export const erasedPhone = (subject: string) => `erased:${subject}`;
