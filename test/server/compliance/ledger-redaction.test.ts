/**
 * The consent chain across erasure, at the unit level: version 2 records verify after redaction
 * from their stored digest; a version 1 record (written before migration 0004, hash over plaintext)
 * can only be checked for its links once redacted, and the verdict says so instead of hiding it;
 * a redacted record whose digest is altered behind the trigger's back breaks the chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentHash, GENESIS_HASH, verifyChain } from '../../../server/core/consent-hash';
import { appendConsent } from '../../../server/core/consent-ledger';
import { createEventHub } from '../../../server/core/events';
import { createLogger } from '../../../server/core/logger';
import { eraseContact } from '../../../server/core/erasure';
import { insertConsentRow, iterateConsents } from '../../../server/db/consents-repo';
import { openDb, type DB } from '../../../server/db/open-db';
import type { ConsentRecord } from '../../../shared/schemas/consent';

const PHONE = '+905321110099';
let dir: string;
let db: DB;
const deps = () => ({ db, clock: { now: () => 1_800_000_000_000 }, events: createEventHub(), log: createLogger({ level: 'silent', write: () => {} }) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kopru-ledger-'));
  db = openDb(join(dir, 'kopru.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A record as the server wrote them before migration 0004 (version 1). */
function legacyRecord(seq: number, prevHash: string): ConsentRecord {
  const fields = { id: `cns_legacy_${seq}`, seq, phone: PHONE, action: 'opt_in' as const, method: 'paper_form' as const, topics: ['order_updates' as const], wordingId: null, agentId: null, ticket: null, note: 'signed on paper', evidence: null, createdAt: 1_700_000_000_000 };
  const record = { ...fields, prevHash, hash: consentHash(prevHash, fields) };
  insertConsentRow(db, record);
  return record;
}

describe('redaction and the chain', () => {
  it('version 2 records verify after erasure; a legacy version 1 record is reported as checked for links only', () => {
    const legacy = legacyRecord(1, GENESIS_HASH);
    appendConsent(db, 1_750_000_000_000, { phone: PHONE, action: 'opt_out', method: 'whatsapp_keyword', evidence: { text: 'DUR' } });
    appendConsent(db, 1_750_000_001_000, { phone: '+905321110088', action: 'opt_in', method: 'paper_form' });
    expect(verifyChain(iterateConsents(db))).toMatchObject({ ok: true, count: 3 });
    expect([...iterateConsents(db)][0]!.hash).toBe(legacy.hash);

    eraseContact(deps(), 'agt_system', PHONE);
    const verdict = verifyChain(iterateConsents(db));
    // The legacy record, the keyword opt-out and the erasure's own opt-out are redacted.
    expect(verdict).toEqual({ ok: true, count: 4, headHash: expect.any(String), redacted: 3, unverifiable: [1] });
  });

  it('a redacted record whose stored digest is changed breaks the chain there', () => {
    appendConsent(db, 1_750_000_000_000, { phone: PHONE, action: 'opt_in', method: 'paper_form', note: 'x' });
    appendConsent(db, 1_750_000_001_000, { phone: '+905321110088', action: 'opt_in', method: 'paper_form' });
    eraseContact(deps(), 'agt_system', PHONE);
    expect(verifyChain(iterateConsents(db)).ok).toBe(true);
    db.exec('DROP TRIGGER consents_no_update');
    db.prepare("UPDATE consents SET pii_digest = ? WHERE seq = 1").run('0'.repeat(64));
    expect(verifyChain(iterateConsents(db))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('an unredacted version 2 record whose digest column was edited (ready to be "redacted" into a lie) is caught', () => {
    appendConsent(db, 1_750_000_000_000, { phone: PHONE, action: 'opt_in', method: 'paper_form' });
    db.exec('DROP TRIGGER consents_no_update');
    db.prepare("UPDATE consents SET pii_digest = ? WHERE seq = 1").run('f'.repeat(64));
    expect(verifyChain(iterateConsents(db))).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/digest/) });
  });
});
