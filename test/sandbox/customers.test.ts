import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness, WABA } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sendTemplate = (to: string, name: string, params: string[], extra: unknown[] = []) =>
  h.graph('POST', `/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: { name, language: { code: 'tr' }, components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }, ...extra] },
  });
const inboundFor = (id: string) =>
  waitFor(() => h.hooks.values('messages').find((v) => v.messages?.[0]?.id === id), `inbound webhook ${id}`);

describe('simulated customers', () => {
  it('a text from the customer arrives as Meta’s inbound messages webhook', async () => {
    const res = await h.call('POST', '/customers/905327100011/messages', { text: 'Siparişim nerede?', name: 'Şükrü Öztürk' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^wamid\./) });
    const value = await inboundFor(res.body.id);
    expect(value).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '908505551234', phone_number_id: PHONE_ID },
      contacts: [{ profile: { name: 'Şükrü Öztürk' }, wa_id: '905327100011' }],
      messages: [{ from: '905327100011', id: res.body.id, timestamp: expect.stringMatching(/^\d{10}$/), type: 'text', text: { body: 'Siparişim nerede?' } }],
    });
    const post = h.hooks.received.find((r) => r.raw.includes(res.body.id))!;
    expect(post.body.entry[0]!.id).toBe(WABA);
    expect(post.body.entry[0]!.time).toBeUndefined();
    expect(post.raw).toContain('\\u015e\\u00fckr\\u00fc \\u00d6zt\\u00fcrk');
    expect(post.signatureValid).toBe(true);
  });

  it('a quick-reply tap on a template arrives as type button with context of the template wamid', async () => {
    const to = '905327100021';
    const sent = await sendTemplate(to, 'feedback_survey', ['Ayşe', '#48213'], [
      { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'CSAT_YES:48213' }] },
    ]);
    const wamid = sent.body.messages[0].id;
    const tap = await h.call('POST', `/customers/${to}/messages`, { button: { payload: 'CSAT_YES:48213', text: 'Evet' }, context: { id: wamid } });
    const value = await inboundFor(tap.body.id);
    expect(value.messages[0]).toEqual({
      context: { from: '908505551234', id: wamid },
      from: to,
      id: tap.body.id,
      timestamp: expect.stringMatching(/^\d{10}$/),
      type: 'button',
      button: { payload: 'CSAT_YES:48213', text: 'Evet' },
    });
  });

  it('an interactive reply arrives as type interactive / button_reply', async () => {
    const res = await h.call('POST', '/customers/905327100031/messages', { interactive: { button_reply: { id: 'opt_in_yes', title: 'Evet' } } });
    const value = await inboundFor(res.body.id);
    expect(value.messages[0]).toMatchObject({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'opt_in_yes', title: 'Evet' } } });
  });

  it('rejects a context that is not in this customer’s chat, and malformed bodies', async () => {
    expect((await h.call('POST', '/customers/905327100041/messages', { button: { payload: 'x', text: 'x' }, context: { id: 'wamid.nope' } })).status).toBe(404);
    const bad = await h.call('POST', '/customers/905327100041/messages', { text: 'a', button: { payload: 'x', text: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await h.call('POST', '/customers/+90abc/messages', { text: 'a' })).status).toBe(400);
  });

  it('lists what the phone shows, both directions, in order', async () => {
    const to = '905327100051';
    await h.call('POST', `/customers/${to}/messages`, { text: 'Merhaba' });
    const sent = await sendTemplate(to, 'whatsapp_handoff', ['Ayşe', '#48213']);
    await waitFor(async () => (await h.call('GET', `/customers/${to}/messages`)).body.messages[1]?.status === 'read', 'read');
    const { messages } = (await h.call('GET', `/customers/${to}/messages`)).body;
    expect(messages).toEqual([
      { direction: 'inbound', id: expect.any(String), at: expect.any(String), status: 'received', type: 'text', text: 'Merhaba' },
      {
        direction: 'outbound',
        id: sent.body.messages[0].id,
        at: expect.any(String),
        status: 'read',
        type: 'template',
        rendered: { body: 'Merhaba Ayşe, #48213 numaralı talebinizle ilgili görüşmemize buradan devam edebiliriz.', buttons: [] },
      },
    ]);
  });
});

describe('user_preferences', () => {
  it('stop → webhook; later marketing sends fail with 131050 while utility still delivers; resume → webhook', async () => {
    const to = '905327200011';
    await h.call('POST', `/customers/${to}/preferences`, { value: 'stop' });
    const pref = await waitFor(() => h.hooks.values('user_preferences')[0], 'user_preferences webhook');
    expect(pref).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '908505551234', phone_number_id: PHONE_ID },
      contacts: [{ wa_id: to, profile: { name: expect.any(String) } }],
      user_preferences: [{ wa_id: to, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: expect.any(Number) }],
    });
    const marketing = await sendTemplate(to, 'spring_sale', ['Ayşe']);
    expect(marketing.status).toBe(200);
    const failed = await waitFor(() => h.hooks.statuses(marketing.body.messages[0].id)[0], 'marketing status');
    expect(failed).toMatchObject({ status: 'failed', errors: [{ code: 131050 }] });
    const utility = await sendTemplate(to, 'whatsapp_handoff', ['Ayşe', '#1']);
    expect((await waitFor(() => h.hooks.statuses(utility.body.messages[0].id)[0], 'utility status')).status).toBe('sent');

    await h.call('POST', `/customers/${to}/preferences`, { value: 'resume' });
    const resumed = await waitFor(() => h.hooks.values('user_preferences')[1], 'resume webhook');
    expect(resumed.user_preferences[0]).toMatchObject({ value: 'resume', detail: 'User requested to resume marketing messages' });
  });
});

describe('phone page', () => {
  it('renders a sent template as a WhatsApp bubble, self-contained', async () => {
    const to = '905327300011';
    await sendTemplate(to, 'shipping_update', ['Şükrü <Öztürk>', 'TR-10482', 'TRK1'], [
      { type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: 'TRK1' }] },
    ]);
    await h.call('POST', `/customers/${to}/messages`, { text: 'Teşekkürler!' });
    const res = await fetch(`${h.server.url}/phone/${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const body = /<div class="body" data-testid="bubble-body">([^<]*)<\/div>/.exec(html)?.[1];
    expect(body).toBe('Merhaba Şükrü &lt;Öztürk&gt;, TR-10482 numaralı siparişiniz kargoya verildi. Kargo takip numaranız: TRK1. Gönderinizi aşağıdaki butondan takip edebilirsiniz.');
    expect(html).toContain('href="https://kargo.example.com/track/TRK1"');
    expect(html).toContain('Köprü Demo Mağaza');
    expect(html).toContain('data-testid="bubble-inbound"');
    expect(html).toContain('Teşekkürler!');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(http/);
    const fragment = await (await fetch(`${h.server.url}/phone/${to}/bubbles`)).text();
    expect(fragment).toContain('data-testid="bubble-body"');
  });

  it('quick replies are clickable buttons carrying payload and context', async () => {
    const to = '905327300021';
    const sent = await sendTemplate(to, 'feedback_survey', ['Ayşe', '#1']);
    const html = await (await fetch(`${h.server.url}/phone/${to}`)).text();
    expect(html).toContain(`data-payload="Evet" data-text="Evet" data-context="${sent.body.messages[0].id}"`);
  });
});
