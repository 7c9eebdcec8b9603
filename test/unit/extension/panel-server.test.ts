/**
 * The panel's client code against the real server (sandbox mode): the shapes the panel relies on,
 * the idempotency key, live events over the authenticated stream, and the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { computeDraft } from '../../../extension/features/variables-form/use-draft';
import { prefillInputs } from '../../../extension/features/variables-form/prefill';
import { createApiClient, type ApiClient } from '../../../extension/lib/api-client';
import { openEventStream, type SseMessage } from '../../../extension/lib/event-stream';
import { createOutbox, type OutboxEntry } from '../../../extension/lib/outbox';
import { parseLiveEvent } from '../../../extension/lib/parse-live-event';
import { makeTicket } from './fixtures';

let server: TestServer;
let api: ApiClient;
const CUSTOMER = '+905324182796';

beforeAll(async () => {
  server = await startTestServer();
  api = createApiClient({ serverUrl: server.url, token: server.agentToken });
  await waitFor(async () => {
    const r = await api.templates();
    return r.ok && r.value.some((t) => t.name === 'shipping_update');
  }, 10_000);
});
afterAll(() => server.close());

describe('panel client ↔ server', () => {
  it('checks the token like the connect screen does', async () => {
    expect(await api.me()).toMatchObject({ ok: true, value: { name: 'Test agent', role: 'agent' } });
    const wrong = createApiClient({ serverUrl: server.url, token: 'not-a-token' });
    expect(await wrong.me()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', status: 401 } });
    const nowhere = createApiClient({ serverUrl: 'http://127.0.0.1:9', token: 'x' });
    expect(await nowhere.me()).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('records an opt-in with the shown wording, sees it live, sends a prefilled template once per key, and follows it to read', async () => {
    const wordings = await api.consentWordings();
    const wording = wordings.ok ? wordings.value.find((w) => w.language === 'tr') : undefined;
    expect(wording?.text).toContain('DUR');

    const events: SseMessage[] = [];
    const stream = openEventStream({ url: `${server.url}/api/events`, token: server.agentToken, onMessage: (m) => events.push(m) });
    try {
      await waitFor(() => server.running.deps.events.size() > 0);
      const before = await api.contact('0532 418 27 96');
      expect(before).toMatchObject({ ok: true, value: { phone: CUSTOMER, consent: { status: 'none' } } });

      // Topics the later sends are about (shipping_update, payment_failed): the gate checks them.
      const record = await api.recordConsent({ phone: CUSTOMER, action: 'opt_in', method: 'in_person', topics: ['shipping', 'payments'], wordingId: wording!.id });
      expect(record).toMatchObject({ ok: true, value: { action: 'opt_in', method: 'in_person', wordingId: wording!.id } });
      await waitFor(() => events.some((e) => parseLiveEvent(e.data)?.type === 'consent.changed'));

      const templates = await api.templates();
      const template = templates.ok ? templates.value.find((t) => t.name === 'shipping_update' && t.language === 'tr') : undefined;
      const prefill = prefillInputs(template!, makeTicket());
      const draft = computeDraft(template!, { ...prefill.inputs, '3': 'TRK4829301', 'button.0': 'TRK4829301' });
      expect(draft.problems).toEqual([]);

      const input = { phone: CUSTOMER, template: { name: template!.name, language: template!.language }, values: draft.values };
      const [first, second] = await Promise.all([api.sendMessage(input, 'draft-key-e2e-1'), api.sendMessage(input, 'draft-key-e2e-1')]);
      expect(first.ok && second.ok).toBe(true);
      if (!first.ok || !second.ok) return;
      expect(first.value.message.id).toBe(second.value.message.id);
      expect([first.value.replayed, second.value.replayed].sort()).toEqual([false, true]);
      expect(first.value.message.preview.body).toBe(draft.render.ok ? draft.render.message.body : '');

      const id = first.value.message.id;
      await waitFor(async () => {
        const m = await api.message(id);
        return m.ok && m.value.status === 'read';
      }, 10_000);
      const statuses = () =>
        events.flatMap((e) => {
          const event = parseLiveEvent(e.data);
          return event?.type === 'message.status' && event.messageId === id ? [event.status] : [];
        });
      await waitFor(() => statuses().includes('read'));
      expect(statuses()).toContain('delivered');
    } finally {
      stream.close();
    }
  });

  it('a QR opt-in code and a hand-off come back in the shapes the panel shows', async () => {
    const code = await api.createOptinCode({ language: 'tr', topics: ['order_updates'] });
    expect(code).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^KOPRU-/), waMeLink: expect.stringContaining('wa.me'), qrSvg: expect.stringContaining('<svg') } });
    if (!code.ok) return;
    expect(await api.optinCode(code.value.code)).toMatchObject({ ok: true, value: { status: 'pending' } });
    const handoff = await api.createHandoff({ channel: 'chat', ticket: { system: 'zendesk', id: '4711' }, language: 'tr' });
    expect(handoff).toMatchObject({ ok: true, value: { status: 'awaiting_customer', waMeLink: expect.stringContaining('wa.me') } });
  });

  it('the outbox delivers a send made while the server looked unreachable, once', async () => {
    let entries: OutboxEntry[] = [];
    const storage = { getValue: async () => entries, setValue: async (v: OutboxEntry[]) => void (entries = v) };
    let reachable = false;
    const outbox = createOutbox({
      storage,
      now: Date.now,
      send: (input, key) => (reachable ? api : createApiClient({ serverUrl: 'http://127.0.0.1:9', token: 'x' })).sendMessage(input, key),
    });
    const input = { phone: CUSTOMER, template: { name: 'payment_failed', language: 'tr' }, values: { '1': 'Ayşe', '2': 'TR-10482' } };
    await outbox.enqueue(input, 'outbox-key-0001', 'payment_failed');
    expect((await outbox.flush(true)).waiting).toHaveLength(1);
    reachable = true;
    const report = await outbox.flush(true);
    expect(report.sent).toHaveLength(1);
    const again = await api.sendMessage(input, 'outbox-key-0001');
    expect(again.ok && again.value).toMatchObject({ replayed: true, message: { id: report.sent[0]!.message.id } });
  });
});
