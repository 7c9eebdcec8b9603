import { describe, expect, it } from 'vitest';
import { createPanelStore } from '../../../extension/store';
import { laterStatus } from '../../../extension/store/messages-slice';
import { makeContact, makeMessage, makeTicket, PHONE, shippedTemplate } from './fixtures';

/** Keys `k1`, `k2`, … so tests can tell drafts apart. */
function store() {
  let n = 0;
  return createPanelStore({ language: 'en', makeKey: () => `key-${++n}` });
}

describe('ticket slice', () => {
  it('a detected ticket fills the phone from the profile, and another ticket replaces it', () => {
    const s = store();
    s.getState().ticketDetected(makeTicket());
    expect(s.getState()).toMatchObject({ phoneInput: PHONE, phoneSource: 'ticket' });
    s.getState().ticketDetected(makeTicket({ ticketId: '4712', url: 'https://acme.zendesk.com/agent/tickets/4712', customer: { name: 'Can' }, phoneCandidates: [{ e164: '+905551112233', raw: '0555 111 22 33', source: 'text' }] }));
    expect(s.getState()).toMatchObject({ phoneInput: '+905551112233', phoneSource: 'ticket' });
  });

  it("switching tickets closes the previous customer's QR code, hand-off and consent confirmation", () => {
    const s = store();
    s.getState().ticketDetected(makeTicket());
    s.getState().optinCodeCreated({ code: 'KOPRU-ABCDE', waMeLink: 'https://wa.me/908505551234', qrSvg: '<svg/>', expiresAt: 1 }, PHONE);
    s.getState().optinCodeConfirmed('KOPRU-ABCDE', PHONE, 2);
    s.getState().ticketDetected(makeTicket({ readAt: 3 }));
    expect(s.getState().optin?.confirmedPhone).toBe(PHONE); // same ticket re-read: kept
    s.getState().ticketDetected(makeTicket({ ticketId: '4712', url: 'https://acme.zendesk.com/agent/tickets/4712' }));
    expect(s.getState()).toMatchObject({ optin: null, handoff: null, lastRecord: null });
  });

  it('re-reading the same ticket keeps a number the agent typed', () => {
    const s = store();
    s.getState().ticketDetected(makeTicket());
    s.getState().phoneEdited('0555 000 11 22');
    s.getState().ticketDetected(makeTicket({ readAt: 2 }));
    expect(s.getState()).toMatchObject({ phoneInput: '0555 000 11 22', phoneSource: 'agent' });
  });

  it('switching tickets drops the contact and re-fills the open draft from the new ticket with a new key', () => {
    const s = store();
    s.getState().ticketDetected(makeTicket());
    s.getState().contactRequested(PHONE);
    s.getState().contactLoaded(PHONE, makeContact());
    s.getState().templateChosen(shippedTemplate());
    const firstKey = s.getState().draftKey;
    expect(s.getState().inputs['2']).toBe('TR-10482');
    s.getState().ticketDetected(makeTicket({ ticketId: '5000', url: 'https://acme.zendesk.com/agent/tickets/5000', orderNumbers: ['TR-2'] }));
    expect(s.getState().contact).toBeNull();
    expect(s.getState().inputs['2']).toBe('TR-2');
    expect(s.getState().draftKey).not.toBe(firstKey);
  });

  it('a contact answer for a number no longer on screen is ignored', () => {
    const s = store();
    s.getState().contactRequested('+905550000001');
    s.getState().contactRequested(PHONE);
    s.getState().contactLoaded('+905550000001', makeContact({ phone: '+905550000001' }));
    expect(s.getState().contact).toBeNull();
    s.getState().contactLoaded(PHONE, makeContact());
    expect(s.getState().contactState).toBe('ready');
  });

  it('the WhatsApp name fills an empty name field when the ticket had no name', () => {
    const s = store();
    s.getState().ticketDetected(makeTicket({ customer: { phone: PHONE } }));
    s.getState().templateChosen(shippedTemplate());
    expect(s.getState().inputs['1']).toBe('');
    s.getState().contactRequested(PHONE);
    s.getState().contactLoaded(PHONE, makeContact({ name: 'Ayşe Y.' }));
    expect(s.getState().inputs['1']).toBe('Ayşe Y.');
    expect(s.getState().sources['1']).toBe('contact_name');
  });
});

describe('compose slice: one idempotency key per draft', () => {
  it('keeps the key across a failed attempt and a retry, and makes a new one once the values change', () => {
    const s = store();
    s.getState().templateChosen(shippedTemplate());
    const key = s.getState().draftKey;
    s.getState().sendStarted();
    s.getState().sendFailed({ code: 'NO_CONSENT', message: '', status: 422 });
    expect(s.getState().draftKey).toBe(key); // "Try again" re-sends under the same key
    s.getState().variableEdited('3', '2026-03-12');
    expect(s.getState().draftKey).not.toBe(key);
    expect(s.getState().send).toEqual({ state: 'idle' });
  });

  it('edits before the first attempt keep the key; edits while sending are refused', () => {
    const s = store();
    s.getState().templateChosen(shippedTemplate());
    const key = s.getState().draftKey;
    s.getState().variableEdited('3', '2026-03-12');
    expect(s.getState().draftKey).toBe(key);
    s.getState().sendStarted();
    s.getState().variableEdited('3', '2026-03-13');
    expect(s.getState().inputs['3']).toBe('2026-03-12');
  });

  it('a sent draft records the message; a new draft gets a new key and the ticket values again', () => {
    const s = store();
    s.getState().ticketDetected(makeTicket());
    s.getState().templateChosen(shippedTemplate());
    s.getState().variableEdited('2', 'changed');
    const key = s.getState().draftKey;
    s.getState().sendStarted();
    s.getState().sendSucceeded(makeMessage(), false);
    expect(s.getState().send).toEqual({ state: 'sent', messageId: 'msg_1', replayed: false });
    expect(s.getState().messages.msg_1?.status).toBe('accepted');
    s.getState().newDraftStarted();
    expect(s.getState().draftKey).not.toBe(key);
    expect(s.getState().inputs['2']).toBe('TR-10482');
  });

  it('choosing a template puts it first in the recents, without duplicates', () => {
    const s = store();
    s.getState().templateChosen(shippedTemplate());
    s.getState().templateChosen(shippedTemplate({ name: 'other' }));
    s.getState().templateChosen(shippedTemplate());
    expect(s.getState().recents).toEqual(['order_shipped:tr', 'other:tr']);
  });
});

describe('messages slice', () => {
  it.each([
    ['accepted', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['read', 'delivered', 'read'], // webhooks arrive out of order
    ['delivered', 'failed', 'failed'],
    ['failed', 'read', 'failed'],
    ['sent', 'unknown', 'sent'],
  ] as const)('%s then %s → %s', (current, incoming, expected) => {
    expect(laterStatus(current, incoming)).toBe(expected);
  });
});

describe('connection slice', () => {
  it.each([
    ['UNAUTHORIZED', 'rejected'],
    ['ORIGIN_NOT_ALLOWED', 'rejected'],
    ['NETWORK', 'unreachable'],
    ['INTERNAL', 'unreachable'],
  ] as const)('a %s failure means %s', (code, state) => {
    const s = store();
    s.getState().settingsLoaded({ serverUrl: 'http://127.0.0.1:8787', token: 't', language: null });
    s.getState().connectionFailed(code);
    expect(s.getState().connection).toBe(state);
  });

  it('stored settings switch the language and start a check; empty ones mean signed out', () => {
    const s = store();
    s.getState().settingsLoaded({ serverUrl: 'http://127.0.0.1:8787', token: 't', language: 'tr' });
    expect(s.getState()).toMatchObject({ connection: 'checking', language: 'tr' });
    s.getState().settingsLoaded({ serverUrl: '', token: '', language: 'tr' });
    expect(s.getState().connection).toBe('signed_out');
  });
});

describe('outbox slice', () => {
  it('a flushed outbox tells the open draft it was sent, under its own key only', () => {
    const s = store();
    s.getState().templateChosen(shippedTemplate());
    const key = s.getState().draftKey;
    s.getState().sendQueued();
    const entry = { key, input: { phone: PHONE, text: 'x' }, label: 'x', createdAt: 0, attempts: 1, nextAttemptAt: 0, lastError: null };
    s.getState().outboxFlushed({ sent: [{ entry: { ...entry, key: 'someone-else' }, message: makeMessage({ id: 'msg_other' }) }], failed: [], waiting: [entry] });
    expect(s.getState().send.state).toBe('queued');
    s.getState().outboxFlushed({ sent: [{ entry, message: makeMessage({ id: 'msg_9' }) }], failed: [], waiting: [] });
    expect(s.getState().send).toEqual({ state: 'sent', messageId: 'msg_9', replayed: false });
    expect(Object.keys(s.getState().messages).sort()).toEqual(['msg_9', 'msg_other']);
  });
});
