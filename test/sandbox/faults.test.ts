import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../server/sandbox/faults';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const payload = (to: string) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: { name: 'whatsapp_handoff', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Emma' }, { type: 'text', text: '#1' }] }] },
});
const send = (to: string) => h.graph('POST', `/${PHONE_ID}/messages`, payload(to));
const sentIds = async () => (await h.call('GET', '/control/sent')).body.messages.map((m: any) => m.wa_id as string);
/** Webhooks are delivered one at a time, in order: once a later message's `read` arrived, earlier statuses did too. */
const barrier = async () => {
  const res = await send('905559990011');
  const id = res.body.messages[0].id;
  await h.advance(60_000);
  await waitFor(() => h.hooks.statuses(id).some((s) => s.status === 'read'), 'barrier read');
};

describe('fault injection by recipient suffix', () => {
  it('the table covers suffixes 0000–0009', () => {
    expect(FAULTS.map((f) => f.suffix)).toEqual(['0000', '0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008', '0009']);
  });

  it.each(FAULTS.filter((f) => f.kind === 'async-failed').map((f) => [f.suffix, f.code!] as const))(
    '…%s: accepted, then only a failed status with %i',
    async (suffix, code) => {
      const to = `90555100${suffix}`;
      const res = await send(to);
      expect(res.status).toBe(200);
      const id = res.body.messages[0].id;
      const failed = await waitFor(() => h.hooks.statuses(id).find((s) => s.status === 'failed'), `failed for ${to}`);
      expect(failed.errors[0]).toMatchObject({ code, href: expect.stringContaining('error-codes') });
      await barrier();
      expect(h.hooks.statuses(id).map((s) => s.status)).toEqual(['failed']);
    },
  );

  it.each([
    ['0003', 131000],
    ['0004', 131016],
  ])('…%s: HTTP 500 with error %i, nothing sent', async (suffix, code) => {
    const to = `90555200${suffix}`;
    const res = await send(to);
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code, type: 'OAuthException' });
    expect(await sentIds()).not.toContain(to);
  });

  it('…0005: HTTP 500 whose body is not JSON', async () => {
    const res = await send('905553000005');
    expect(res.status).toBe(500);
    expect(res.body).toBeUndefined();
    expect(res.text).toContain('500');
    expect(await sentIds()).not.toContain('905553000005');
  });

  it('…0006: the message is accepted and its webhooks arrive, but the response never does', async () => {
    const to = '905554000006';
    const call = fetch(`${h.server.graphUrl}/v25.0/${PHONE_ID}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify(payload(to)),
      signal: AbortSignal.timeout(400),
    });
    await expect(call).rejects.toThrow();
    const sent = (await h.call('GET', '/control/sent')).body.messages.find((m: any) => m.wa_id === to);
    expect(sent).toBeDefined();
    await waitFor(() => h.hooks.statuses(sent.id).some((s) => s.status === 'read'), 'statuses of the hung message');
  });

  it('…0008: delivered but never read', async () => {
    const res = await send('905555000008');
    const id = res.body.messages[0].id;
    await waitFor(() => h.hooks.statuses(id).some((s) => s.status === 'delivered'), 'delivered');
    await barrier();
    expect(h.hooks.statuses(id).map((s) => s.status)).toEqual(['sent', 'delivered']);
  });

  it('…0009: 131016 for the first two attempts, then accepted', async () => {
    const to = '905556000009';
    const attempts = [await send(to), await send(to), await send(to)];
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(attempts[0]!.body.error.code).toBe(131016);
    expect((await sentIds()).filter((w: string) => w === to)).toHaveLength(1);
  });

  it('can be switched off', async () => {
    await h.call('POST', '/control/settings', { faults: false });
    expect((await send('905557000003')).status).toBe(200);
    await h.call('POST', '/control/settings', { faults: true });
  });
});
