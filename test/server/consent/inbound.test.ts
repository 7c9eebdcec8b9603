import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentState, recordConsent } from '../../../server/core/consent-ledger';
import { handleInboundMessage, handleUserPreference, type InboundMessage } from '../../../server/core/inbound';
import { createOptinCode, optinCodeStatus } from '../../../server/core/optin-codes';
import { getContactRow } from '../../../server/db/contacts-repo';
import { SERVICE_WINDOW_MS } from '../../../shared/window/service-window';
import { unitDeps, waitFor, type UnitDeps } from './unit-deps';

const WA = '905324182796';
const PHONE = '+905324182796';
let d: UnitDeps;
let n = 0;

beforeEach(() => {
  d = unitDeps();
});
afterEach(async () => {
  await settled();
  d.close();
});

/** Every confirmation the handler queued has had its Graph call. */
const settled = () =>
  waitFor(() => d.db.prepare("SELECT COUNT(*) FROM messages WHERE status IN ('queued', 'sending')").pluck().get() === 0);

const inbound = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  wamid: `wamid.in.${++n}`,
  waId: WA,
  name: 'Ayşe Yılmaz',
  type: 'text',
  at: d.clock.now(),
  ...over,
});

/** A prior opt-in recorded at the counter, so a STOP has something to withdraw. */
const optIn = () => recordConsent(d, { phone: PHONE, action: 'opt_in', method: 'in_person', wordingId: 'cw_tr_v1', agentId: d.agentId });

describe('handleInboundMessage', () => {
  it('stores the contact and opens the 24 h window, once per wamid', async () => {
    const m = inbound({ text: 'Merhaba, siparişim nerede?' });
    await handleInboundMessage(d, m);
    await handleInboundMessage(d, m);
    expect(getContactRow(d.db, PHONE)).toEqual({ phone: PHONE, waId: WA, name: 'Ayşe Yılmaz', lastInboundAt: m.at });
    const inboundEvents = d.events$.filter((e) => e.type === 'contact.inbound');
    expect(inboundEvents).toEqual([
      { type: 'contact.inbound', phone: PHONE, windowExpiresAt: m.at + SERVICE_WINDOW_MS, text: 'Merhaba, siparişim nerede?', at: m.at },
    ]);
    expect(consentState(d.db, PHONE).status).toBe('none');
    expect(d.sent).toEqual([]);
  });

  it('never moves the window backwards when an older message arrives late', async () => {
    const now = d.clock.now();
    await handleInboundMessage(d, inbound({ text: 'yeni', at: now }));
    await handleInboundMessage(d, inbound({ text: 'eski', at: now - 60_000 }));
    expect(getContactRow(d.db, PHONE)?.lastInboundAt).toBe(now);
  });

  it('does not let a timestamp from the future hold the window open', async () => {
    const before = d.clock.now();
    await handleInboundMessage(d, inbound({ text: 'merhaba', at: before + 365 * 24 * 3600_000 }));
    const at = getContactRow(d.db, PHONE)?.lastInboundAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(d.clock.now());
  });

  it('records STOP as an opt-out with the message as evidence and confirms once, in English', async () => {
    optIn();
    const m = inbound({ text: 'STOP' });
    await handleInboundMessage(d, m);
    await handleInboundMessage(d, m); // Meta redelivers
    const state = consentState(d.db, PHONE);
    expect(state.status).toBe('opted_out');
    expect(state.history).toHaveLength(2);
    expect(state.history[0]).toMatchObject({
      action: 'opt_out',
      method: 'whatsapp_keyword',
      agentId: null,
      evidence: { inboundMessageId: m.wamid, text: 'STOP', keyword: 'STOP' },
    });
    await waitFor(() => d.sent.length === 1);
    await settled();
    expect(d.sent).toHaveLength(1);
    expect(d.sent[0]!.to).toBe(PHONE);
    expect(d.sent[0]!.body).toMatch(/unsubscribed.*START/s);
    const row = d.db.prepare('SELECT agent_id, idempotency_key, purpose FROM messages').get();
    expect(row).toEqual({ agent_id: 'agt_system', idempotency_key: `optout-confirm:${m.wamid}`, purpose: 'optout_confirmation' });
  });

  it('answers a Turkish keyword in Turkish, and START/BAŞLA opts back in pointing at the current wording', async () => {
    await handleInboundMessage(d, inbound({ text: 'İptal.' }));
    await waitFor(() => d.sent.length === 1);
    expect(d.sent[0]!.body).toContain('BAŞLA');
    d.setNow(d.clock.now() + 10_000);
    const start = inbound({ text: 'başla' });
    await handleInboundMessage(d, start);
    const state = consentState(d.db, PHONE);
    expect(state.status).toBe('opted_in');
    expect(state.history[0]).toMatchObject({ action: 'opt_in', method: 'whatsapp_keyword', wordingId: 'cw_tr_v1', evidence: { inboundMessageId: start.wamid, text: 'başla' } });
    await waitFor(() => d.sent.length === 2);
    expect(d.sent[1]!.body).toContain('Köprü Demo Mağazası'); // the wording, with the business name
  });

  it.each(['Durum nedir?', 'stop sending me the invoice', 'iptal etmek istiyorum siparişi'])('does not treat %j as an opt-out', async (text) => {
    await handleInboundMessage(d, inbound({ text }));
    expect(consentState(d.db, PHONE).history).toEqual([]);
    expect(d.sent).toEqual([]);
  });

  it('records a stop button tap as whatsapp_button with payload and context', async () => {
    const m = inbound({ type: 'button', buttonPayload: 'STOP', buttonText: 'Durdur', contextWamid: 'wamid.template.1' });
    await handleInboundMessage(d, m);
    expect(consentState(d.db, PHONE).history[0]).toMatchObject({
      action: 'opt_out',
      method: 'whatsapp_button',
      evidence: { inboundMessageId: m.wamid, text: 'Durdur', payload: 'STOP', contextWamid: 'wamid.template.1' },
    });
  });

  it('turns a message carrying an opt-in code into a qr_code opt-in, once, and confirms in the window', async () => {
    const created = await createOptinCode(d, d.agentId, { language: 'en', ticket: { system: 'zendesk', id: '4711' } });
    if (!created.ok) throw created.error;
    const { code } = created.value;
    const text = decodeURIComponent(created.value.waMeLink.split('?text=')[1]!);
    expect(text).toContain(code);
    const m = inbound({ text });
    await handleInboundMessage(d, m);
    await handleInboundMessage(d, inbound({ text })); // same code again, new message: already used
    const state = consentState(d.db, PHONE);
    expect(state.status).toBe('opted_in');
    expect(state.history).toHaveLength(1);
    expect(state.history[0]).toMatchObject({
      method: 'qr_code',
      wordingId: 'cw_en_v1',
      agentId: d.agentId,
      ticket: { system: 'zendesk', id: '4711' },
      evidence: { inboundMessageId: m.wamid, text, code },
    });
    expect(optinCodeStatus(d, code)).toMatchObject({ status: 'confirmed', phone: PHONE, consentId: state.history[0]!.id });
    expect(d.events$).toContainEqual({ type: 'optin.confirmed', code, phone: PHONE, at: d.clock.now() });
    await waitFor(() => d.sent.length === 1);
    expect(d.sent[0]!.body).toMatch(/^Thanks!.*STOP/s);
  });

  it('ignores an expired opt-in code', async () => {
    const created = await createOptinCode(d, d.agentId, {});
    if (!created.ok) throw created.error;
    d.setNow(created.value.expiresAt + 1);
    await handleInboundMessage(d, inbound({ text: `Kod: ${created.value.code}` }));
    expect(consentState(d.db, PHONE).status).toBe('none');
    expect(optinCodeStatus(d, created.value.code)?.status).toBe('expired');
  });
});

describe('handleUserPreference', () => {
  it("records Meta's marketing stop for the marketing topic only, once per event", () => {
    const p = { waId: WA, value: 'stop' as const, detail: 'User requested to stop marketing messages', at: 1_731_705_721_000 };
    handleUserPreference(d, p);
    handleUserPreference(d, p);
    const state = consentState(d.db, PHONE);
    expect(state.history).toHaveLength(1);
    expect(state.history[0]).toMatchObject({ action: 'opt_out', method: 'meta_preferences', topics: ['marketing'] });
    expect(state.status).toBe('none'); // Meta's stop is not an opt-out of utility messages
  });
});
