import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentRecord, ConsentState } from '../../../shared/schemas/consent';
import { canonicalJson, consentHash, GENESIS_HASH, piiDigest, verifyChain } from '../../../server/core/consent-hash';
import { consentState, DEFAULT_OPTIN_TOPICS, deriveConsent, recordConsent, type RecordConsentInput } from '../../../server/core/consent-ledger';
import { iterateConsents } from '../../../server/db/consents-repo';
import { unitDeps, type UnitDeps } from './unit-deps';

const PHONE = '+905324182796';
let d: UnitDeps;
beforeEach(() => {
  d = unitDeps();
});
afterEach(() => d.close());

const rec = (input: Partial<RecordConsentInput> & Pick<RecordConsentInput, 'action' | 'method'>) => {
  d.setNow(d.clock.now() + 1000);
  return recordConsent(d, { phone: PHONE, ...input });
};

describe('recording consent', () => {
  it('chains every record to the one before it and publishes consent.changed with the new status', () => {
    const a = rec({ action: 'opt_in', method: 'in_person', wordingId: 'cw_tr_v1', agentId: d.agentId, ticket: { system: 'zendesk', id: '4711' } });
    const b = rec({ action: 'opt_out', method: 'whatsapp_keyword', evidence: { inboundMessageId: 'wamid.1', text: 'STOP' } });
    expect(ConsentRecord.parse(a)).toEqual(a);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(b.seq).toBe(a.seq + 1);
    expect(a.hash).toBe(consentHash(GENESIS_HASH, a));
    expect(a.topics).toEqual(DEFAULT_OPTIN_TOPICS);
    expect(d.events$.filter((e) => e.type === 'consent.changed')).toEqual([
      { type: 'consent.changed', phone: PHONE, status: 'opted_in', method: 'in_person', recordId: a.id, at: a.createdAt },
      { type: 'consent.changed', phone: PHONE, status: 'opted_out', method: 'whatsapp_keyword', recordId: b.id, at: b.createdAt },
    ]);
  });

  it('chains across phones: one ledger, one chain', () => {
    const a = rec({ action: 'opt_in', method: 'web_form' });
    const b = recordConsent(d, { phone: '+447911123456', action: 'opt_in', method: 'web_form' });
    expect(b.prevHash).toBe(a.hash);
    expect(verifyChain(iterateConsents(d.db))).toEqual({ ok: true, count: 2, headHash: b.hash });
  });

  it('hashes the same content the same way whatever the key order (canonical JSON)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});

describe('consent state derived from the ledger', () => {
  type Step = Partial<RecordConsentInput> & Pick<RecordConsentInput, 'action' | 'method'>;
  const cases: Array<{ name: string; steps: Step[]; status: ConsentState['status']; topics: string[] }> = [
    { name: 'no records → none', steps: [], status: 'none', topics: [] },
    { name: 'opt-in without topics → the default utility topics', steps: [{ action: 'opt_in', method: 'paper_form' }], status: 'opted_in', topics: DEFAULT_OPTIN_TOPICS },
    {
      name: 'the newest record wins',
      steps: [{ action: 'opt_in', method: 'paper_form' }, { action: 'opt_out', method: 'whatsapp_keyword' }],
      status: 'opted_out',
      topics: [],
    },
    {
      name: 'START after STOP opts back in',
      steps: [{ action: 'opt_in', method: 'paper_form' }, { action: 'opt_out', method: 'whatsapp_keyword' }, { action: 'opt_in', method: 'whatsapp_keyword' }],
      status: 'opted_in',
      topics: DEFAULT_OPTIN_TOPICS,
    },
    {
      name: 'the newest opt-in decides the topics',
      steps: [{ action: 'opt_in', method: 'web_form', topics: ['shipping', 'payments'] }, { action: 'opt_in', method: 'web_form', topics: ['appointments'] }],
      status: 'opted_in',
      topics: ['appointments'],
    },
    {
      name: 'a topic opt-out removes only that topic',
      steps: [{ action: 'opt_in', method: 'web_form', topics: ['shipping', 'surveys'] }, { action: 'opt_out', method: 'phone_call', topics: ['surveys'] }],
      status: 'opted_in',
      topics: ['shipping'],
    },
    {
      name: 'removing the last topic is a full opt-out',
      steps: [{ action: 'opt_in', method: 'web_form', topics: ['surveys'] }, { action: 'opt_out', method: 'phone_call', topics: ['surveys'] }],
      status: 'opted_out',
      topics: [],
    },
    { name: 'a topic opt-out without an opt-in changes nothing', steps: [{ action: 'opt_out', method: 'phone_call', topics: ['surveys'] }], status: 'none', topics: [] },
    {
      name: "Meta's marketing stop removes marketing but leaves utility consent",
      steps: [{ action: 'opt_in', method: 'web_form', topics: ['order_updates', 'marketing'] }, { action: 'opt_out', method: 'meta_preferences', topics: ['marketing'] }],
      status: 'opted_in',
      topics: ['order_updates'],
    },
    {
      name: "Meta's resume brings marketing back",
      steps: [
        { action: 'opt_in', method: 'web_form', topics: ['order_updates', 'marketing'] },
        { action: 'opt_out', method: 'meta_preferences', topics: ['marketing'] },
        { action: 'opt_in', method: 'meta_preferences', topics: ['marketing'] },
      ],
      status: 'opted_in',
      topics: ['order_updates', 'marketing'],
    },
    {
      name: "Meta's resume never opts in someone who opted out",
      steps: [{ action: 'opt_out', method: 'whatsapp_keyword' }, { action: 'opt_in', method: 'meta_preferences', topics: ['marketing'] }],
      status: 'opted_out',
      topics: [],
    },
    {
      name: 'a newer explicit marketing opt-in overrides an older Meta stop',
      steps: [
        { action: 'opt_in', method: 'web_form', topics: ['order_updates'] },
        { action: 'opt_out', method: 'meta_preferences', topics: ['marketing'] },
        { action: 'opt_in', method: 'web_form', topics: ['order_updates', 'marketing'] },
      ],
      status: 'opted_in',
      topics: ['order_updates', 'marketing'],
    },
  ];
  it.each(cases)('$name', ({ steps, status, topics }) => {
    const records = steps.map((s) => rec(s));
    const state = consentState(d.db, PHONE);
    expect(ConsentState.parse(state)).toEqual(state);
    expect(state.status).toBe(status);
    expect(state.topics).toEqual(topics);
    expect(state.updatedAt).toBe(records.at(-1)?.createdAt ?? null);
    expect(state.history.map((r) => r.id)).toEqual(records.map((r) => r.id).reverse());
    expect(deriveConsent(records)).toEqual({ status, topics, updatedAt: state.updatedAt });
  });

  it('limits history (newest first) without changing the derived status', () => {
    for (let i = 0; i < 5; i++) rec({ action: i % 2 === 0 ? 'opt_in' : 'opt_out', method: 'web_form' });
    const state = consentState(d.db, PHONE, { historyLimit: 2 });
    expect(state.history.map((r) => r.seq)).toEqual([5, 4]);
    expect(state.status).toBe('opted_in');
    expect(consentState(d.db, PHONE, { historyLimit: 0 }).history).toEqual([]);
  });
});

describe('verifying the chain', () => {
  const seed = () => {
    for (let i = 0; i < 4; i++) rec({ action: i % 2 === 0 ? 'opt_in' : 'opt_out', method: 'web_form', note: `record ${i + 1}` });
  };

  it('reports an intact ledger with its size and head hash', () => {
    seed();
    const verdict = verifyChain(iterateConsents(d.db));
    expect(verdict).toMatchObject({ ok: true, count: 4 });
  });

  it('names the first record whose content was edited behind the triggers', () => {
    seed();
    d.db.exec('DROP TRIGGER consents_no_update');
    d.db.prepare("UPDATE consents SET action = 'opt_in' WHERE seq = 2").run();
    expect(verifyChain(iterateConsents(d.db))).toMatchObject({ ok: false, count: 4, brokenAt: 2 });
  });

  it('notices a record removed from the middle', () => {
    seed();
    d.db.exec('DROP TRIGGER consents_no_delete');
    d.db.prepare('DELETE FROM consents WHERE seq = 3').run();
    expect(verifyChain(iterateConsents(d.db))).toMatchObject({ ok: false, count: 3, brokenAt: 4 });
  });

  it('notices a record whose hash was recomputed but whose successor still points at the old one', () => {
    seed();
    d.db.exec('DROP TRIGGER consents_no_update');
    const row = [...iterateConsents(d.db)][1]!;
    const forged = { ...row, note: 'forged' };
    // A thorough forger also recomputes the version 2 digest of the personal fields.
    d.db
      .prepare('UPDATE consents SET note = ?, pii_digest = ?, hash = ? WHERE seq = 2')
      .run('forged', piiDigest(row.piiSalt!, forged), consentHash(row.prevHash, forged));
    expect(verifyChain(iterateConsents(d.db))).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
