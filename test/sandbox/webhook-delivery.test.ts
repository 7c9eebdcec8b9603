import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const deliveries = async () => (await h.call('GET', '/control/webhooks')).body.deliveries as any[];
const inbound = (waId: string, text: string) => h.call('POST', `/customers/${waId}/messages`, { text, name: 'Şükrü Öztürk' });
const sendTemplate = (to: string) =>
  h.graph('POST', `/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: { name: 'whatsapp_handoff', language: { code: 'tr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#1' }] }] },
  });

describe('webhook delivery', () => {
  it('retries a non-200 with backoff until it gets a 200, sending the same bytes each time', async () => {
    h.hooks.respondWith((n) => (n <= 2 ? 500 : 200));
    await inbound('905326100011', 'Merhaba');
    await waitFor(() => h.hooks.received.length >= 3, 'three attempts');
    const [a, b, c] = h.hooks.received;
    expect([a!.answeredWith, b!.answeredWith, c!.answeredWith]).toEqual([500, 500, 200]);
    expect(new Set([a!.raw, b!.raw, c!.raw]).size).toBe(1);
    const [log] = await deliveries();
    expect(log).toMatchObject({ state: 'delivered', fields: ['messages'] });
    expect(log.attempts.map((x: any) => x.status)).toEqual([500, 500, 200]);
    expect(log.attempts[1].at - log.attempts[0].at).toBeGreaterThanOrEqual(20);
  });

  it('gives up after maxAttempts and logs the failure', async () => {
    h.hooks.respondWith(() => 503);
    await inbound('905326100021', 'Merhaba');
    const log = await waitFor(async () => (await deliveries()).find((d) => d.state === 'failed'), 'failed delivery');
    expect(log.attempts.map((x: any) => x.status)).toEqual([503, 503, 503, 503]);
    expect(h.hooks.received).toHaveLength(4);
  });

  it('retries follow the virtual clock: a long backoff is skipped by advancing it', async () => {
    await h.call('POST', '/control/settings', { webhookRetry: { baseMs: 3_600_000, maxAttempts: 3 } });
    h.hooks.respondWith((n) => (n === 1 ? 500 : 200));
    await inbound('905326100031', 'Merhaba');
    await waitFor(async () => (await deliveries())[0]?.state === 'retrying', 'first failure');
    await h.advance(3_600_000);
    await waitFor(async () => (await deliveries())[0]?.state === 'delivered', 'retry after an hour');
  });

  it('duplicates: every webhook arrives twice, byte for byte', async () => {
    await h.call('POST', '/control/settings', { duplicates: true });
    await inbound('905326100041', 'Çift mi geldi?');
    await waitFor(() => h.hooks.received.length >= 2, 'two copies');
    expect(h.hooks.received[0]!.raw).toBe(h.hooks.received[1]!.raw);
    expect(h.hooks.received.every((r) => r.signatureValid)).toBe(true);
    const logs = await deliveries();
    expect(logs[1].duplicateOf).toBe(logs[0].id);
  });

  it('shuffle: statuses arrive batched in one POST and out of order', async () => {
    await h.call('POST', '/control/settings', { shuffle: true, shuffleWindowMs: 300 });
    const res = await sendTemplate('905326100051');
    const id = res.body.messages[0].id;
    await waitFor(() => h.hooks.statuses(id).length === 3, 'three statuses');
    const batched = h.hooks.received.find((r) => r.body.entry[0]!.changes[0]!.value.statuses?.length > 1);
    expect(batched).toBeDefined();
    expect(h.hooks.statuses(id).map((s) => s.status)).toEqual(['read', 'delivered', 'sent']);
  });

  it('webhooksPaused: holds deliveries until resumed', async () => {
    await h.call('POST', '/control/settings', { webhooksPaused: true });
    await inbound('905326100061', 'Orada mısınız?');
    await h.advance(60_000);
    const held = await deliveries();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ state: 'queued', attempts: [] });
    expect(h.hooks.received).toHaveLength(0);
    await h.call('POST', '/control/settings', { webhooksPaused: false });
    await waitFor(() => h.hooks.received.length === 1, 'backlog delivered');
    expect(h.hooks.values('messages')[0]!.messages[0].text.body).toBe('Orada mısınız?');
  });

  it('sends facebookexternalua with a JSON content type', async () => {
    await inbound('905326100071', 'Merhaba');
    await waitFor(() => h.hooks.received.length === 1, 'one webhook');
    expect(h.hooks.received[0]!.headers['user-agent']).toBe('facebookexternalua');
    expect(h.hooks.received[0]!.headers['content-type']).toBe('application/json');
  });
});
