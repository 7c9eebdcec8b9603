/**
 * Shared steps for the messaging tests, all over real HTTP against the sandbox: opt a customer in,
 * let a customer write (opens the 24 h window), send, read what the emulated Meta accepted, and
 * post webhooks signed like Meta's.
 */
import { randomUUID } from 'node:crypto';
import { recordConsent } from '../../../server/core/consent-ledger';
import { signMetaBody } from '../../../server/whatsapp/signature';
import type { Message } from '../../../shared/schemas/message';
import { waitFor, type TestServer } from '../../helpers/test-server';

export const APP_SECRET = 'sandbox-app-secret';
export const WABA_ID = '200000000000001';

/** A Turkish mobile number whose wa_id ends in `suffix` (the sandbox's fault table keys on it). */
let counter = 1000;
export function trPhone(suffix?: string): { e164: string; waId: string } {
  counter += 1;
  const tail = suffix ?? String(counter % 10_000).padStart(4, '0');
  // 532 + 3 digits + 4-digit tail; the middle digits keep numbers unique per test file.
  const mid = String(100 + (counter % 900));
  const waId = `90532${mid}${tail}`;
  return { e164: `+${waId}`, waId };
}

export const newKey = () => `key-${randomUUID()}`;

export function optIn(ts: TestServer, e164: string): void {
  recordConsent(ts.running.deps, { phone: e164, action: 'opt_in', method: 'paper_form' });
}

/** The customer writes from WhatsApp (sandbox → signed inbound webhook → window opens). */
export async function customerWrites(ts: TestServer, waId: string, text = 'Merhaba, siparişim nerede?'): Promise<void> {
  const res = await fetch(`${ts.url}/sandbox/customers/${waId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (res.status >= 300) throw new Error(`sandbox inbound failed: ${res.status} ${await res.text()}`);
  await waitFor(async () => {
    const c = await (await ts.api(`/api/contacts/${encodeURIComponent(`+${waId}`)}`)).json();
    return c.contact?.window?.open === true;
  });
}

export const ORDER_VALUES = { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' };

export function sendTemplate(ts: TestServer, phone: string, key = newKey(), opts: { token?: string; values?: Record<string, unknown>; name?: string; language?: string } = {}) {
  return ts.api('/api/messages', {
    method: 'POST',
    ...(opts.token ? { token: opts.token } : {}),
    headers: { 'Idempotency-Key': key },
    json: { phone, template: { name: opts.name ?? 'order_confirmation', language: opts.language ?? 'tr' }, values: opts.values ?? ORDER_VALUES },
  });
}

export function sendText(ts: TestServer, phone: string, text: string, key = newKey()) {
  return ts.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': key }, json: { phone, text } });
}

export async function getMessage(ts: TestServer, id: string): Promise<Message> {
  const res = await ts.api(`/api/messages/${id}`);
  if (res.status !== 200) throw new Error(`GET message ${id}: ${res.status}`);
  return ((await res.json()) as { message: Message }).message;
}

export function waitForStatus(ts: TestServer, id: string, status: Message['status'], timeoutMs = 5000): Promise<Message> {
  return waitFor(async () => {
    const m = await getMessage(ts, id);
    return m.status === status ? m : null;
  }, timeoutMs);
}

export type SandboxSent = { id: string; to: string; wa_id: string; type: string; biz_opaque_callback_data?: string; status: string };

/** Every message the emulated Graph API accepted (what reached "Meta"). */
export async function sandboxSent(baseUrl: string): Promise<SandboxSent[]> {
  const res = await fetch(`${baseUrl}/sandbox/control/sent`);
  return ((await res.json()) as { messages: SandboxSent[] }).messages;
}

export async function sandboxSettings(ts: TestServer, patch: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${ts.url}/sandbox/control/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  if (res.status !== 200) throw new Error(`sandbox settings: ${res.status} ${await res.text()}`);
}

export function envelope(changes: Array<{ field: string; value: unknown }>) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes }] };
}

export function statusesPayload(statuses: Array<Record<string, unknown>>) {
  return envelope([
    {
      field: 'messages',
      value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '908505551234', phone_number_id: '100000000000001' }, statuses },
    },
  ]);
}

export function metaStatus(m: { wamid: string; id: string; waId: string }, status: string, extra: Record<string, unknown> = {}) {
  return { id: m.wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: m.waId, biz_opaque_callback_data: m.id, ...extra };
}

/** POSTs a webhook signed with the app secret (or with `signature` as given). */
export function postWebhook(ts: TestServer, payload: unknown, opts: { signature?: string | null; raw?: string } = {}) {
  const body = opts.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? signMetaBody(body, APP_SECRET) : opts.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(`${ts.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
}

/** Fisher–Yates with a seeded generator, so a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
