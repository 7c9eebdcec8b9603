/**
 * The keyed hash behind erasure and the audit log: its secret is generated into the data folder on
 * first start (owner-only), survives restarts (so erased numbers stay recognised), differs per
 * installation, and a damaged key file stops the server instead of silently starting a new one.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SUBJECT_KEY_FILE, subjectOf } from '../../../server/core/subject-key';
import { openDb } from '../../../server/db/open-db';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kopru-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PHONE = '+905324182796';

describe('the subject key', () => {
  it('is created on first start, readable by the owner only, and kept across restarts', () => {
    const dir = dataDir();
    const first = openDb(join(dir, 'kopru.sqlite'));
    const subject = subjectOf(first, PHONE);
    first.close();
    const file = join(dir, SUBJECT_KEY_FILE);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = openDb(join(dir, 'kopru.sqlite'));
    expect(subjectOf(again, PHONE)).toBe(subject);
    again.close();
  });

  it('is keyed: not a plain hash of the number, and different on another installation', () => {
    const a = openDb(join(dataDir(), 'kopru.sqlite'));
    const b = openDb(join(dataDir(), 'kopru.sqlite'));
    const sa = subjectOf(a, PHONE);
    expect(sa).toMatch(/^[0-9a-f]{64}$/);
    expect(sa).not.toBe(createHash('sha256').update(PHONE).digest('hex'));
    expect(subjectOf(b, PHONE)).not.toBe(sa);
    expect(subjectOf(a, '+905324182797')).not.toBe(sa);
    a.close();
    b.close();
  });

  it('a damaged key file stops the start with a clear message (never replaced silently)', () => {
    const dir = dataDir();
    writeFileSync(join(dir, SUBJECT_KEY_FILE), 'not a key\n');
    expect(() => openDb(join(dir, 'kopru.sqlite'))).toThrow(/subject key/);
    expect(readFileSync(join(dir, SUBJECT_KEY_FILE), 'utf8')).toBe('not a key\n');
  });

  it('an in-memory database gets a throw-away key', () => {
    const db = openDb(':memory:');
    expect(subjectOf(db, PHONE)).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });
});
