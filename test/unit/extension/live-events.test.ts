import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from '../../../extension/lib/parse-live-event';
import { createPanelStore } from '../../../extension/store';
import { makeContact, makeMessage, PHONE, shippedTemplate } from './fixtures';

function withContactAndMessage() {
  const s = createPanelStore({ language: 'en', makeKey: () => 'k' });
  s.getState().contactRequested(PHONE);
  s.getState().contactLoaded(PHONE, makeContact());
  s.getState().messageTracked(makeMessage({ status: 'sent' }));
  return s;
}

describe('live events → panel state', () => {
  it('follows a message through delivered and read, ignoring a late delivered', () => {
    const s = withContactAndMessage();
    const status = (st: 'delivered' | 'read', at: number) =>
      s.getState().liveEventReceived({ type: 'message.status', messageId: 'msg_1', phone: PHONE, agentId: 'agt_1', status: st, at });
    status('delivered', 1);
    expect(s.getState().messages.msg_1?.status).toBe('delivered');
    status('read', 2);
    status('delivered', 3);
    expect(s.getState().messages.msg_1?.status).toBe('read');
  });

  it('a failure keeps Meta’s code and reason for the agent', () => {
    const s = withContactAndMessage();
    s.getState().liveEventReceived({ type: 'message.status', messageId: 'msg_1', phone: PHONE, agentId: 'agt_1', status: 'failed', errorCode: 131026, errorReason: 'Message undeliverable', at: 5 });
    expect(s.getState().messages.msg_1).toMatchObject({ status: 'failed', errorCode: 131026, errorReason: 'Message undeliverable' });
  });

  it('STOP from the customer shows opted out on the card at once', () => {
    const s = withContactAndMessage();
    s.getState().liveEventReceived({ type: 'consent.changed', phone: PHONE, status: 'opted_out', method: 'whatsapp_keyword', recordId: 'c1', at: 9 });
    expect(s.getState().contact?.consent.status).toBe('opted_out');
  });

  it('events about another customer change nothing', () => {
    const s = withContactAndMessage();
    s.getState().liveEventReceived({ type: 'consent.changed', phone: '+905550000000', status: 'opted_out', method: 'whatsapp_keyword', recordId: 'c1', at: 9 });
    s.getState().liveEventReceived({ type: 'contact.inbound', phone: '+905550000000', windowExpiresAt: 99, at: 9 });
    expect(s.getState().contact).toMatchObject({ consent: { status: 'opted_in' }, window: { open: false } });
  });

  it('an inbound message opens the window and makes the next template free', () => {
    const s = withContactAndMessage();
    s.getState().liveEventReceived({ type: 'contact.inbound', phone: PHONE, windowExpiresAt: 86_400_000, text: 'merhaba', at: 0 });
    expect(s.getState().contact).toMatchObject({ window: { open: true, expiresAt: 86_400_000 }, nextTemplatePrice: 'free' });
  });

  it('the QR opt-in on screen is confirmed by its own code only', () => {
    const s = withContactAndMessage();
    s.getState().optinCodeCreated({ code: 'KOPRU-7F3KQ', waMeLink: 'https://wa.me/908505551234', qrSvg: '<svg/>', expiresAt: 10 }, null);
    s.getState().liveEventReceived({ type: 'optin.confirmed', code: 'KOPRU-AAAAA', phone: PHONE, at: 1 });
    expect(s.getState().optin?.confirmedPhone).toBeNull();
    s.getState().liveEventReceived({ type: 'optin.confirmed', code: 'KOPRU-7F3KQ', phone: PHONE, at: 2 });
    expect(s.getState().optin).toMatchObject({ confirmedPhone: PHONE, confirmedAt: 2 });
  });

  it('a template paused by Meta can no longer be sent from the open draft', () => {
    const s = withContactAndMessage();
    s.getState().templatesLoaded([shippedTemplate()]);
    s.getState().templateChosen(shippedTemplate());
    s.getState().liveEventReceived({ type: 'template.changed', templateId: '9001', name: 'order_shipped', language: 'tr', status: 'PAUSED', category: 'UTILITY', at: 1 });
    expect(s.getState().template?.usable).toBe(false);
    expect(s.getState().templates[0]?.usable).toBe(false);
  });

  it.each([
    ['{"type":"consent.changed","phone":"+90"}', 'consent.changed'],
    ['{"type":"something.new"}', null],
    ['not json', null],
    ['null', null],
  ])('parses %s', (data, type) => {
    expect(parseLiveEvent(data)?.type ?? null).toBe(type);
  });
});
