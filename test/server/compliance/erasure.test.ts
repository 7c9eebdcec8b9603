/**
 * `DELETE /api/contacts/{phone}` over real HTTP. A customer with a full history — opt-in in person
 * with a note and a ticket, messages both ways with their name and order number, an opt-in code, a
 * hand-off, then STOP — is erased. Afterwards no table (nor the database file or its WAL) holds the
 * number, the name, the order number or any message text, the consent chain still verifies, and a
 * send to the number is refused — until the customer opts in again themselves.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectOf } from '../../../server/core/subject-key';
import type { ConsentRecord } from '../../../shared/schemas/consent';
import type { Message } from '../../../shared/schemas/message';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, outboundTexts } from '../consent/http';
import { metaStatus, newKey, postWebhook, sendTemplate, sendText, statusesPayload, waitForStatus } from '../messaging/helpers';
import { scanFiles, scanTables } from './scan';

const P = { e164: '+905321239876', waId: '905321239876', national: '5321239876' };
const Q = { e164: '+905321239877', waId: '905321239877' };
const NAME = 'Zeynep Erasetest';
const ORDER_NO = 'TR-ERASE-777';
const INBOUND_TEXT = 'Siparişim nerede? inbound-needle-4242';
const OUTBOUND_TEXT = 'Kargonuz yolda Zeynep Hanım, outbound-needle-5151';
const NOTE = 'Mağazada onay verdi, note-needle-6363';
const TICKET = { system: 'zendesk', id: 'TICKET-ERASE-4411', url: 'https://acme.zendesk.com/agent/tickets/4411' };
const NEEDLES = [P.e164, P.waId, P.national, 'Zeynep', 'Erasetest', ORDER_NO, 'inbound-needle-4242', 'outbound-needle-5151', 'note-needle-6363', 'TICKET-ERASE-4411'];

let s: TestServer;
let dbFile: string;
let sentToP: Message;

const json = async <T>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  s = await startTestServer();
  dbFile = join(s.running.deps.config.dataDir, 'kopru.sqlite');
  for (const c of [P, Q]) {
    const mine = c === P;
    const res = await s.api('/api/consents', {
      method: 'POST',
      json: {
        phone: c.e164,
        action: 'opt_in',
        method: 'in_person',
        wordingId: 'cw_tr_v1',
        topics: ['order_updates', 'shipping', 'payments', 'surveys'],
        ticket: mine ? TICKET : { system: 'zendesk', id: 'KEEP-1' },
        note: mine ? NOTE : 'kept',
      },
    });
    expect(res.status).toBe(201);
  }
  // The customer writes (opens the window, gives their WhatsApp name), gets a template and a reply.
  await customerSays(s, P.waId, { name: NAME, text: INBOUND_TEXT });
  for (const c of [P, Q]) {
    const res = await sendTemplate(s, c.e164, newKey(), { values: c === P ? { '1': NAME, '2': ORDER_NO, '3': '99,90 TL' } : { '1': 'Kerem', '2': 'TR-KEEP-1', '3': '10 TL' } });
    expect(res.status).toBe(202);
    const m = (await json<{ message: Message }>(res)).message;
    if (c === P) sentToP = m;
    await waitForStatus(s, m.id, 'read');
  }
  // A feedback template and the customer's quick-reply answer (issue 7's survey answers).
  const survey = await sendTemplate(s, P.e164, newKey(), { name: 'feedback_survey', values: { '1': NAME, '2': TICKET.id } });
  expect(survey.status).toBe(202);
  const surveyMessage = await waitForStatus(s, ((await json<{ message: Message }>(survey)).message).id, 'read');
  await customerSays(s, P.waId, { button: { payload: 'Evet', text: 'Evet' }, context: { id: surveyMessage.wamid! } });
  const reply = await sendText(s, P.e164, OUTBOUND_TEXT);
  expect(reply.status).toBe(202);
  expect((await s.api('/api/optin-codes', { method: 'POST', json: { phone: P.e164, ticket: TICKET } })).status).toBe(201);
  expect((await s.api('/api/handoffs', { method: 'POST', json: { phone: P.e164, channel: 'email', ticket: TICKET, customerName: NAME } })).status).toBe(201);
  // Then they stop: an opt-out with their message as evidence, and a confirmation.
  await customerSays(s, P.waId, { text: 'DUR' });
  await waitFor(async () => (await outboundTexts(s, P.waId)).some((t) => t.includes('durdurduk')));
  await waitFor(() => s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE status IN ('queued', 'sending', 'accepted', 'sent')").pluck().get() === 0, 10_000);
}, 30_000);
afterAll(() => s?.close());

describe('before erasure', () => {
  it('the scan finds the customer everywhere one would expect (so it can fail)', () => {
    const found = new Set(scanTables(s.running.deps.db, NEEDLES).map((h) => h.where.split('.')[0]));
    expect([...found]).toEqual(expect.arrayContaining(['contacts', 'consents', 'messages', 'inbound_messages', 'handoffs', 'optin_codes', 'rate_limits', 'survey_answers']));
    expect(scanTables(s.running.deps.db, NEEDLES).some((h) => h.where === 'messages.wamid')).toBe(true);
  });
});

describe('DELETE /api/contacts/{phone}', () => {
  it('is for admins (agent 403, no token 401) and needs a real number (422)', async () => {
    expect((await s.api(`/api/contacts/${encodeURIComponent(P.e164)}`, { method: 'DELETE' })).status).toBe(403);
    expect((await s.api(`/api/contacts/${encodeURIComponent(P.e164)}`, { method: 'DELETE', token: null })).status).toBe(401);
    const bad = await s.api('/api/contacts/12', { method: 'DELETE', token: s.adminToken });
    expect(bad.status).toBe(422);
    expect((await json<{ error: { code: string } }>(bad)).error.code).toBe('INVALID_PHONE');
  });

  it('erases: answers what it removed', async () => {
    const res = await s.api(`/api/contacts/${encodeURIComponent('0532 123 98 76')}`, { method: 'DELETE', token: s.adminToken });
    expect(res.status).toBe(200);
    const { erased } = await json<{ erased: { subject: string; alreadyErased: boolean; vacuumed: boolean; counts: Record<string, number> } }>(res);
    expect(erased.vacuumed).toBe(true);
    expect(erased.subject).toBe(subjectOf(s.running.deps.db, P.e164));
    expect(erased.alreadyErased).toBe(false);
    expect(erased.counts).toMatchObject({ contactDeleted: 1, handoffsDeleted: 1, optinCodesDeleted: 1, inboundDeleted: 3, surveyAnswersAnonymised: 1 });
    expect(erased.counts.consentsRedacted).toBe(3); // the opt-in, the STOP, and the erasure's own opt-out
    expect(erased.counts.messagesAnonymised).toBe(5); // template, survey, reply, hand-off template, opt-out confirmation
  });

  it('leaves no personal data in any table, nor in the database file or its WAL', () => {
    expect(scanTables(s.running.deps.db, NEEDLES)).toEqual([]);
    expect(scanFiles([dbFile, `${dbFile}-wal`], NEEDLES.filter((n) => n.length >= 8))).toEqual([]);
  });

  it('keeps the other customer exactly as they were', async () => {
    const c = (await json<{ contact: { consent: { status: string }; messages: Message[] } }>(await s.api(`/api/contacts/${encodeURIComponent(Q.e164)}`))).contact;
    expect(c.consent.status).toBe('opted_in');
    expect(c.messages[0]!.preview.body).toContain('TR-KEEP-1');
  });

  it('still verifies the consent chain, now with redacted records', async () => {
    const verdict = await json<{ ok: boolean; redacted?: number; count: number }>(await s.api('/api/consents/verify', { token: s.adminToken }));
    expect(verdict).toMatchObject({ ok: true, redacted: 3 });
    const exported = await json<{ consents: Array<ConsentRecord & { iys: { recipient: string | null; status: string } }> }>(
      await s.api('/api/consents/export?limit=100', { token: s.adminToken }),
    );
    const erasedRecords = exported.consents.filter((r) => r.redactedAt);
    expect(erasedRecords.map((r) => [r.action, r.method])).toEqual([
      ['opt_in', 'in_person'],
      ['opt_out', 'whatsapp_keyword'],
      ['opt_out', 'erasure_request'],
    ]);
    for (const r of erasedRecords) {
      expect(r.phone).toBe(`erased:${subjectOf(s.running.deps.db, P.e164)}`);
      expect([r.note, r.ticket, r.evidence, r.piiSalt]).toEqual([null, null, null, null]);
      expect(r.iys.recipient).toBeNull();
    }
  });

  it('keeps the analytic facts of the erased messages (status, template, price, reply)', () => {
    const row = s.running.deps.db.prepare('SELECT phone, status, template_name, price_class, replied_at, preview_json FROM messages WHERE id = ?').get(sentToP.id) as Record<string, unknown>;
    expect(row).toMatchObject({ phone: 'erased', status: 'read', template_name: 'order_confirmation', preview_json: '{"body":""}' });
    expect(row.price_class).toBe('free');
    expect(row.replied_at).not.toBeNull(); // "DUR" came within 24 h of the template
  });

  it('a status webhook arriving late for an erased message does not bring the number back', async () => {
    const lateWamid = 'wamid.HBgMOTA1MzIxMjM5ODc2FQIAERgSTEFURUxBVEVMQVRFAA==';
    const res = await postWebhook(s, statusesPayload([metaStatus({ wamid: lateWamid, id: sentToP.id, waId: P.waId }, 'read')]));
    expect(res.status).toBe(200);
    expect(scanTables(s.running.deps.db, NEEDLES)).toEqual([]);
  });

  it('refuses a later send to the number, template or text, even after the customer writes again', async () => {
    const template = await sendTemplate(s, P.e164);
    expect(template.status).toBe(422);
    expect(await json<{ error: { code: string; details: unknown } }>(template)).toMatchObject({ error: { code: 'OPTED_OUT', details: { erased: true } } });
    await customerSays(s, P.waId, { text: 'Merhaba, bir sorum var' });
    const text = await sendText(s, P.e164, 'Size nasıl yardımcı olabilirim?');
    expect(text.status).toBe(422);
    expect((await json<{ error: { code: string } }>(text)).error.code).toBe('OPTED_OUT');
  });

  it('the audit log finds the customer only through the keyed hash', async () => {
    const page = await json<{ entries: Array<{ action: string; subject: string | null; details: unknown }> }>(
      await s.api(`/api/audit?phone=${encodeURIComponent(P.e164)}&limit=100`, { token: s.adminToken }),
    );
    expect(page.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['contact.erase', 'consent.record', 'message.send']));
    expect(new Set(page.entries.map((e) => e.subject))).toEqual(new Set([subjectOf(s.running.deps.db, P.e164)]));
    expect(JSON.stringify(page)).not.toContain(P.waId);
  });

  it('a second erasure of the same number changes nothing new', async () => {
    // (The "Merhaba" above stored a new inbound message and contact: those go; the ledger has nothing new.)
    const res = await s.api(`/api/contacts/${encodeURIComponent(P.e164)}`, { method: 'DELETE', token: s.adminToken });
    expect(res.status).toBe(200);
    const { erased } = await json<{ erased: { alreadyErased: boolean; counts: Record<string, number> } }>(res);
    expect(erased.alreadyErased).toBe(true);
    expect(erased.counts.consentsRedacted ?? 0).toBe(0);
    expect(scanTables(s.running.deps.db, NEEDLES)).toEqual([]);
  });

  it('an agent recording an opt-in by hand does not lift it', async () => {
    const res = await s.api('/api/consents', { method: 'POST', json: { phone: P.e164, action: 'opt_in', method: 'in_person', wordingId: 'cw_tr_v1' } });
    expect(res.status).toBe(201);
    const send = await sendTemplate(s, P.e164);
    expect(send.status).toBe(422);
    expect((await json<{ error: { code: string } }>(send)).error.code).toBe('OPTED_OUT');
  });

  it('when the customer opts in again themselves (BAŞLA), messages may go out again', async () => {
    await customerSays(s, P.waId, { text: 'BAŞLA' });
    await waitFor(async () => (await json<{ contact: { consent: { status: string } } }>(await s.api(`/api/contacts/${encodeURIComponent(P.e164)}`))).contact.consent.status === 'opted_in');
    const res = await sendTemplate(s, P.e164);
    expect(res.status).toBe(202);
  });
});

describe('the ledger’s trigger allows exactly the erasure redaction', () => {
  it('refuses any other change to a record, redacted or not', () => {
    const { db } = s.running.deps;
    const seq = db.prepare("SELECT seq FROM consents WHERE redacted_at IS NOT NULL ORDER BY seq LIMIT 1").pluck().get() as number;
    expect(() => db.prepare("UPDATE consents SET action = 'opt_in' WHERE seq = ?").run(seq)).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE consents SET redacted_at = NULL WHERE seq = ?').run(seq)).toThrow(/append-only/);
    const live = db.prepare('SELECT seq FROM consents WHERE redacted_at IS NULL ORDER BY seq LIMIT 1').pluck().get() as number;
    // Removing the personal fields but changing what the hash covers, or keeping the number: refused.
    const fake = `erased:${'a'.repeat(64)}`;
    expect(() =>
      db.prepare("UPDATE consents SET phone = ?, note = NULL, ticket_json = NULL, evidence_json = NULL, pii_salt = NULL, redacted_at = 1, method = 'web_form' WHERE seq = ?").run(fake, live),
    ).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE consents SET note = NULL, ticket_json = NULL, evidence_json = NULL, pii_salt = NULL, redacted_at = 1 WHERE seq = ?').run(live)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM consents WHERE seq = ?').run(live)).toThrow(/append-only/);
  });
});
