import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness, WABA } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('Graph transport and auth', () => {
  it.each([
    ['no token', null],
    ['an unknown token', 'EAAG-not-a-real-token'],
  ])('answers 401 / code 190 with %s', async (_label, token) => {
    const res = await h.graph('GET', `/${WABA}/message_templates`, undefined, { token });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: 'OAuthException', code: 190 });
    expect(res.body.error.error_subcode).toBeUndefined();
    expect(res.body.error.fbtrace_id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('answers 401 / 190 with subcode 463 for the expired token', async () => {
    const res = await h.graph('GET', `/${WABA}/message_templates`, undefined, { token: 'sandbox-expired-token' });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    expect(res.body.error.message).toMatch(/^Error validating access token: Session has expired/);
  });

  it('accepts the token as ?access_token= too', async () => {
    const res = await h.graph('GET', `/${WABA}/message_templates?limit=1&access_token=sandbox-token`, undefined, { token: null });
    expect(res.status).toBe(200);
  });

  it.each(['v18.0', 'v23.0', 'v25.0', 'v26.0'])('serves any version (%s)', async (version) => {
    const res = await h.graph('GET', `/${WABA}/message_templates?limit=1`, undefined, { version });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
  });

  it.each([
    ['GET', '/999999999999999', 'get'],
    ['POST', '/999999999999999/messages', 'post'],
    ['GET', '/123/message_templates', 'get'],
    ['DELETE', '/42/message_templates?name=x', 'delete'],
  ])('%s %s → 400 GraphMethodException 100/33', async (method, path, verb) => {
    const res = await h.graph(method, path, method === 'POST' ? { messaging_product: 'whatsapp' } : undefined);
    expect(res.status).toBe(400);
    const id = path.split('/')[1]!.split('?')[0];
    expect(res.body.error).toMatchObject({ type: 'GraphMethodException', code: 100, error_subcode: 33 });
    expect(res.body.error.message).toBe(
      `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    );
    expect(res.body.error.error_data).toMatchObject({ messaging_product: 'whatsapp' });
  });

  it('reads the phone number node with the requested fields', async () => {
    const res = await h.graph('GET', `/${PHONE_ID}?fields=display_phone_number,throughput`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ display_phone_number: '+90 8505551234', throughput: { level: 'STANDARD' }, id: PHONE_ID });
  });

  it('answers 2500 for an unknown edge on a known node', async () => {
    const res = await h.graph('GET', `/${WABA}/no_such_edge`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 2500, message: 'Unknown path components: /no_such_edge' });
  });

  it('checks the token before the object exists', async () => {
    const res = await h.graph('GET', '/999', undefined, { token: 'nope' });
    expect(res.status).toBe(401);
  });
});
