/**
 * Meta credentials exist only in the server's environment and its Graph client. Köprü runs in LIVE
 * configuration with distinctive fake secrets (access token, app secret, verify token) against
 * "Meta" (a separate sandbox behind a front that checks the token), and a tour of every route —
 * as agent and admin, refused and accepted, the live event stream, the webhook handshake and
 * signed webhooks — plus a hostile Meta that echoes the access token back in error messages,
 * details, headers and non-JSON bodies. No secret may appear in any response header or body, in
 * the event stream, or in any log line.
 *
 * Positive controls: the token really is used (Meta saw it on every call), the app secret really
 * signs the webhooks that got through, and the echoed token really reached Köprü (and was scrubbed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { signMetaBody } from '../../../server/whatsapp/signature';
import type { Message } from '../../../shared/schemas/message';
import { LIVE_SECRETS, startLiveLikeServer, type GraphCall, type LiveLikeServer } from '../../helpers/live-like-server';
import { waitFor } from '../../helpers/test-server';
import { customer, customerWrites, graphErrorResponse, messageOf, newKey, sendTemplate } from '../reliability/steps';
import { mountedRoutes, routeKey, sampleRequest } from './route-inventory';

let s: LiveLikeServer;
beforeAll(async () => {
  s = await startLiveLikeServer();
});
afterAll(() => s?.close());

/** Meta echoing the Authorization header it received everywhere it can. */
const echo = (call: GraphCall, auth: string, kind: 'json' | 'html', code = 131000) =>
  kind === 'html'
    ? new Response(`<html><body>Bad gateway for ${auth} at ${call.path}</body></html>`, { status: 502, headers: { 'content-type': 'text/html', 'x-debug-auth': auth } })
    : graphErrorResponse(code, { httpStatus: 500, title: `Invalid request with ${auth}`, details: `Header was: ${auth}`, headers: { 'x-debug-auth': auth } });

describe('a tour of every route in live configuration', () => {
  it('as agent and admin, with the live event stream open, the handshake and signed webhooks', async () => {
    const events = await s.api('/api/events', { token: s.adminToken });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();

    const c = customer();
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
    await customerWrites(s, c.waId, 'Merhaba');
    const sent = await messageOf(await sendTemplate(s, c.e164));
    await waitFor(async () => ((await (await s.api(`/api/messages/${sent.id}`)).json()) as { message: Message }).message.status === 'read');
    const handoff = (await (await s.api('/api/handoffs', { method: 'POST', json: { channel: 'chat', ticket: { system: 'zendesk', id: '1' } } })).json()) as { handoff: { id: string } };
    const code = (await (await s.api('/api/optin-codes', { method: 'POST', json: {} })).json()) as { code: string };
    let n = 0;
    const ctx = { phone: c.e164, messageId: sent.id, handoffId: handoff.handoff.id, code: code.code, wordingId: 'x', key: () => `secrets-${++n}-${newKey()}` };

    for (const route of mountedRoutes(s.running.deps)) {
      for (const token of [s.agentToken, s.adminToken, null, 'kpr_wrong']) {
        const sample = sampleRequest(route, ctx);
        const res = await s.api(`${sample.path}${sample.query ? `?${sample.query}` : ''}`, {
          method: route.method,
          token,
          headers: sample.headers ?? {},
          ...(sample.body !== undefined ? { json: sample.body } : {}),
        });
        if (res.headers.get('content-type')?.includes('text/event-stream')) await res.body?.cancel();
        else await res.text();
        expect(res.status, `${routeKey(route)}`).toBeLessThan(500);
      }
    }
    // The handshake, right and wrong (the challenge is echoed; the verify token never is).
    const ok = await s.api(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(LIVE_SECRETS.verifyToken)}&hub.challenge=8675309`, { token: null });
    expect([ok.status, await ok.text()]).toEqual([200, '8675309']);
    const bad = await s.api('/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1', { token: null });
    expect(bad.status).toBe(403);
    // Webhooks signed with the live app secret get through (the customer's message above did too).
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const signed = await s.api('/webhooks/whatsapp', { method: 'POST', token: null, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, LIVE_SECRETS.appSecret) }, body });
    expect(signed.status).toBe(200);
    const forged = await s.api('/webhooks/whatsapp', { method: 'POST', token: null, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, 'sandbox-app-secret') }, body });
    expect(forged.status).toBe(401);

    // Everything the stream carried so far.
    let streamed = '';
    const decoder = new TextDecoder();
    await waitFor(async () => {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (chunk && !chunk.done) streamed += decoder.decode(chunk.value, { stream: true });
      return streamed.includes(sent.id) && streamed.includes('"read"');
    });
    await reader.cancel();
    s.watch.scan('event stream', streamed);

    // Positive control: every Graph call carried the configured token.
    expect(s.graph.calls.length).toBeGreaterThan(2);
    expect(s.graph.calls.filter((call) => !call.tokenOk)).toEqual([]);
  });
});

describe('a hostile Meta echoing the access token', () => {
  it('in a permanent error on send: the agent sees Meta’s reason, scrubbed', async () => {
    const c = customer();
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
    // A code Köprü has no sentence for, so Meta's own details are what the agent reads.
    s.graph.intercept = (call, auth) => (call.to === c.waId ? echo(call, auth, 'json', 135000) : undefined);
    const m = await messageOf(await sendTemplate(s, c.e164));
    expect(m).toMatchObject({ status: 'failed', errorCode: 135000 });
    expect(m.errorReason).toContain('Header was: Bearer [redacted]');
    await s.api(`/api/messages/${m.id}`);
    await s.api(`/api/contacts/${encodeURIComponent(c.e164)}`);
    s.graph.intercept = null;
  });

  it('in a retryable error on send (reason shown while it waits), and in a gateway page', async () => {
    const c = customer();
    recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
    s.graph.intercept = (call, auth) => (call.to === c.waId ? echo(call, auth, 'json', 131000) : undefined);
    const m = await messageOf(await sendTemplate(s, c.e164));
    expect(m).toMatchObject({ status: 'queued', errorCode: 131000 });
    s.graph.intercept = (call, auth) => (call.to === c.waId ? echo(call, auth, 'html') : undefined);
    s.advance(60_000);
    await waitFor(() => (s.running.deps.db.prepare('SELECT attempts FROM messages WHERE id = ?').pluck().get(m.id) as number) >= 2);
    await s.api(`/api/messages/${m.id}`);
    s.graph.intercept = null;
  });

  it('when listing templates (an admin sync): the 502 explains without the token', async () => {
    s.graph.intercept = (call, auth) => (call.path.endsWith('/message_templates') ? echo(call, auth, 'json', 99999) : undefined);
    const res = await s.api('/api/templates/sync', { method: 'POST', token: s.adminToken });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).toContain('[redacted]');
    s.graph.intercept = (call, auth) => (call.path.endsWith('/message_templates') ? echo(call, auth, 'html') : undefined);
    expect((await s.api('/api/templates/sync', { method: 'POST', token: s.adminToken })).status).toBe(502);
    s.graph.intercept = null;
  });
});

describe('after the whole file', () => {
  it('no secret in any response header or body, the event stream, or any log line', async () => {
    expect(s.watch.scanned).toBeGreaterThan(100);
    expect(await s.leaks()).toEqual([]);
  });
});
