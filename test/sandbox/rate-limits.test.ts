import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const send = (to: string) =>
  h.graph('POST', `/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: { name: 'whatsapp_handoff', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Emma' }, { type: 'text', text: '#1' }] }] },
  });

describe('throughput (130429)', () => {
  it('refuses sends above the messages-per-second cap with 130429, HTTP 429 and Retry-After', async () => {
    await h.call('POST', '/control/settings', { throughputPerSecond: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`90532500${String(i + 11).padStart(4, '0')}`)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit' });
    expect(limited[0]!.body.error.error_data.details).toBe('Cloud API message throughput has been reached.');
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    await h.call('POST', '/control/settings', { throughputPerSecond: 1000 });
  });
});

describe('pair rate (131056)', () => {
  it('allows a burst to one user, then 131056 until time pays it back; other users are unaffected', async () => {
    await h.call('POST', '/control/settings', { pairRate: { perSeconds: 6, burst: 3 } });
    const to = '905325100011';
    expect([(await send(to)).status, (await send(to)).status, (await send(to)).status]).toEqual([200, 200, 200]);
    const limited = await send(to);
    expect(limited.status).toBe(400);
    expect(limited.body.error).toMatchObject({ code: 131056, message: '(#131056) (Business Account, Consumer Account) pair rate limit hit' });
    expect((await send('905325100021')).status).toBe(200);
    await h.advance(6_000);
    expect((await send(to)).status).toBe(200);
    expect((await send(to)).status).toBe(400);
  });

  it('can be switched off', async () => {
    await h.call('POST', '/control/settings', { pairRate: false });
    const to = '905325100031';
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send(to)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
