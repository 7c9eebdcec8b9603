import { describe, expect, it } from 'vitest';
import type { SendInput } from '../../../shared/schemas/message';
import { sendDraft } from '../../../extension/features/send/send-draft';
import { replySendBlock, templateSendBlock, type RecipientFacts } from '../../../extension/features/send/send-gate';
import type { ApiClient, ApiResult, SendResponse } from '../../../extension/lib/api-client';
import { createOutbox, type OutboxEntry } from '../../../extension/lib/outbox';
import type { Services } from '../../../extension/lib/services';
import { createPanelStore } from '../../../extension/store';
import { makeContact, makeMessage, makeTicket, PHONE, ticketTemplate } from './fixtures';

const ready: RecipientFacts = { connection: 'connected', phone: PHONE, contact: makeContact(), contactState: 'ready', contactError: null };
const template = { send: { state: 'idle' } as const, hasTemplate: true, templateUsable: true, problemCount: 0 };

describe('why Send is disabled', () => {
  it.each([
    ['nothing blocks a ready draft', {}, null],
    ['signed out', { connection: 'signed_out' }, 'NOT_CONNECTED'],
    ['no number', { phone: '' }, 'NO_PHONE'],
    ['bad number', { contactError: { code: 'INVALID_PHONE', message: '', status: 422 } }, 'INVALID_PHONE'],
    ['contact loading', { contactState: 'loading' }, 'CONTACT_LOADING'],
    ['opted out', { contact: makeContact({ consent: { status: 'opted_out', topics: [], updatedAt: 1, history: [] } }) }, 'OPTED_OUT'],
    ['no consent', { contact: makeContact({ consent: { status: 'none', topics: [], updatedAt: null, history: [] } }) }, 'NO_CONSENT'],
    ['paused template', { templateUsable: false }, 'TEMPLATE_NOT_USABLE'],
    ['invalid values', { problemCount: 2, missingCount: 1 }, 'INVALID_VALUES'],
    ['only empty values', { problemCount: 2, missingCount: 2 }, 'MISSING_VALUES'],
    ['no template', { hasTemplate: false }, 'NO_TEMPLATE'],
    ['already sending (double click)', { send: { state: 'sending' } }, 'SENDING'],
    ['sent', { send: { state: 'sent', messageId: 'm', replayed: false } }, 'SENT'],
    ['offline: contact unknown, let it queue', { connection: 'unreachable', contact: null, contactState: 'failed', contactError: { code: 'NETWORK', message: '', status: 0 } }, null],
  ] as const)('%s', (_label, over, expected) => {
    expect(templateSendBlock({ ...ready, ...template, ...(over as object) })).toBe(expected);
  });

  it.each([
    ['window open, text typed', { contact: makeContact({ window: { open: true, expiresAt: 2000 } }) }, 'Merhaba', null],
    ['window closed', {}, 'Merhaba', 'WINDOW_CLOSED'],
    ['window expired since loading', { contact: makeContact({ window: { open: true, expiresAt: 500 } }) }, 'Merhaba', 'WINDOW_CLOSED'],
    ['nothing typed', { contact: makeContact({ window: { open: true, expiresAt: 2000 } }) }, '  ', 'EMPTY_TEXT'],
  ] as const)('reply: %s', (_label, over, text, expected) => {
    expect(replySendBlock({ ...ready, ...over, text, sending: false, now: 1000 })).toBe(expected);
  });
});

/** A panel store with a ticket, an opted-in contact and a template whose values all come from the ticket. */
function readyPanel() {
  let n = 0;
  const store = createPanelStore({ language: 'en', makeKey: () => `draft-key-${++n}` });
  const s = store.getState();
  s.settingsLoaded({ serverUrl: 'http://127.0.0.1:1', token: 't', language: null });
  s.agentVerified({ id: 'agt_1', name: 'Agent', role: 'agent', createdAt: 0 });
  s.ticketDetected(makeTicket());
  s.contactRequested(PHONE);
  s.contactLoaded(PHONE, makeContact());
  s.templateChosen(ticketTemplate());
  return store;
}

function fakeServices(answer: (input: SendInput, key: string) => Promise<ApiResult<SendResponse>>) {
  const sent: Array<{ input: SendInput; key: string }> = [];
  let entries: OutboxEntry[] = [];
  const send = async (input: SendInput, key: string) => {
    sent.push({ input, key });
    return answer(input, key);
  };
  const api = { sendMessage: send, contact: async () => ({ ok: true, value: makeContact() }) } as unknown as ApiClient;
  const outbox = createOutbox({ storage: { getValue: async () => entries, setValue: async (v) => void (entries = v) }, send, now: () => 0 });
  return { services: { api, outbox } satisfies Services, sent, outboxEntries: () => entries };
}

describe('sendDraft', () => {
  it('a double click sends once, with the draft key, the ticket reference and the ticket’s values', async () => {
    const store = readyPanel();
    const { services, sent } = fakeServices(async () => ({ ok: true, value: { message: makeMessage(), replayed: false } }));
    const key = store.getState().draftKey;
    await Promise.all([sendDraft(services, store), sendDraft(services, store)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      key,
      input: {
        phone: PHONE,
        template: { name: 'ticket_update', language: 'en' },
        values: { '1': 'Ayşe Yılmaz', '2': '4711' },
        ticket: { system: 'zendesk', id: '4711', url: 'https://acme.zendesk.com/agent/tickets/4711' },
      },
    });
    expect(store.getState().send).toEqual({ state: 'sent', messageId: 'msg_1', replayed: false });
    await sendDraft(services, store); // a third click after success does nothing either
    expect(sent).toHaveLength(1);
  });

  it('without the server the send waits in the outbox under the same key', async () => {
    const store = readyPanel();
    const { services, sent, outboxEntries } = fakeServices(async () => ({ ok: false, error: { code: 'NETWORK', message: '', status: 0 } }));
    await sendDraft(services, store);
    expect(store.getState().send.state).toBe('queued');
    expect(outboxEntries().map((e) => e.key)).toEqual([sent[0]!.key]);
    expect(store.getState().outbox).toHaveLength(1);
  });

  it('a refusal is shown and "try again" re-sends under the same key', async () => {
    const store = readyPanel();
    let refuse = true;
    const { services, sent } = fakeServices(async () =>
      refuse ? { ok: false, error: { code: 'NO_CONSENT', message: '', status: 422 } } : { ok: true, value: { message: makeMessage(), replayed: false } },
    );
    const key = store.getState().draftKey;
    await sendDraft(services, store);
    expect(store.getState().send).toMatchObject({ state: 'failed', error: { code: 'NO_CONSENT' } });
    refuse = false;
    await sendDraft(services, store);
    expect(sent.map((s) => s.key)).toEqual([key, key]);
    expect(store.getState().send.state).toBe('sent');
  });

  it('an opted-out customer is never sent to from the panel', async () => {
    const store = readyPanel();
    store.getState().liveEventReceived({ type: 'consent.changed', phone: PHONE, status: 'opted_out', method: 'whatsapp_keyword', recordId: 'c', at: 1 });
    const { services, sent } = fakeServices(async () => ({ ok: true, value: { message: makeMessage(), replayed: false } }));
    await sendDraft(services, store);
    expect(sent).toEqual([]);
  });
});
