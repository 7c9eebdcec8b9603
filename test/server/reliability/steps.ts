/**
 * Steps shared by the reliability tests against the live-like server (test/helpers/live-like-server.ts):
 * customers with fault-table suffixes, the simulated customer writing from WhatsApp, Meta's error
 * envelope for a Graph call answered by the test, and reading messages back as an agent would.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '../../../shared/schemas/message';
import type { LiveLikeServer } from '../../helpers/live-like-server';
import { waitFor } from '../../helpers/test-server';

let counter = 0;
/**
 * A Turkish mobile (+90 542 …) whose wa_id ends in `suffix` (server/sandbox/faults.ts keys faults on
 * the last four digits); without a suffix the tail never hits the fault table (it ends in 5x).
 */
export function customer(suffix?: string): { e164: string; waId: string } {
  counter += 1;
  const mid = String(100 + (counter % 900)).padStart(3, '0');
  const tail = suffix ?? `${String(10 + (counter % 90))}5${counter % 10}`;
  const waId = `90542${mid}${tail}`;
  return { e164: `+${waId}`, waId };
}

export const newKey = () => `rel-${randomUUID()}`;

export const ORDER = { name: 'order_confirmation', language: 'tr' } as const;
export const ORDER_VALUES = { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' };

export function sendTemplate(s: LiveLikeServer, phone: string, key = newKey(), token?: string) {
  return s.api('/api/messages', {
    method: 'POST',
    ...(token ? { token } : {}),
    headers: { 'Idempotency-Key': key },
    json: { phone, template: ORDER, values: ORDER_VALUES },
  });
}

export function sendText(s: LiveLikeServer, phone: string, text: string, key = newKey()) {
  return s.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': key }, json: { phone, text } });
}

export async function messageOf(res: Response): Promise<Message> {
  const body = (await res.json()) as { message?: Message };
  if (!body.message) throw new Error(`no message in ${res.status} ${JSON.stringify(body)}`);
  return body.message;
}

export async function getMessage(s: LiveLikeServer, id: string): Promise<Message> {
  const res = await s.api(`/api/messages/${id}`);
  if (res.status !== 200) throw new Error(`GET /api/messages/${id}: ${res.status}`);
  return ((await res.json()) as { message: Message }).message;
}

/** The customer writes from WhatsApp; resolves once Köprü has stored the inbound message. */
export async function customerWrites(s: LiveLikeServer, waId: string, text: string): Promise<string> {
  const res = await s.sandbox(`/customers/${waId}/messages`, { text });
  if (res.status !== 200) throw new Error(`sandbox inbound: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  await waitFor(() => s.running.deps.db.prepare('SELECT 1 FROM inbound_messages WHERE wamid = ?').get(id), 5000);
  return id;
}

export type SandboxSent = { id: string; wa_id: string; type: string; text?: string; biz_opaque_callback_data?: string; status: string };

/** What "Meta" accepted (its own list, kept in its own database). */
export async function acceptedBy(s: LiveLikeServer, waId?: string): Promise<SandboxSent[]> {
  const { messages } = (await (await s.sandbox('/control/sent')).json()) as { messages: SandboxSent[] };
  return waId === undefined ? messages : messages.filter((m) => m.wa_id === waId);
}

/** A Graph error exactly as Meta shapes it (reference §4.1). */
export function graphErrorResponse(code: number, opts: { httpStatus?: number; title?: string; details?: string; headers?: Record<string, string> } = {}): Response {
  const title = opts.title ?? `Error ${code}`;
  return new Response(
    JSON.stringify({
      error: {
        message: `(#${code}) ${title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: opts.details ?? title },
        fbtrace_id: `A${randomUUID().replace(/-/g, '').slice(0, 22)}`,
      },
    }),
    { status: opts.httpStatus ?? 400, headers: { 'content-type': 'application/json', ...opts.headers } },
  );
}

/** Advances the shared clock until `check` holds (each step lets the outbox worker run due retries). */
export async function advanceUntil<T>(s: LiveLikeServer, check: () => T | Promise<T>, stepMs = 60_000, timeoutMs = 15_000): Promise<NonNullable<T>> {
  return waitFor(async () => {
    const v = await check();
    if (!v) s.advance(stepMs);
    return v;
  }, timeoutMs, 100);
}

/** Rows still waiting to go out (queued, or mid-send) for one phone. */
export const pendingFor = (s: LiveLikeServer, phone: string) =>
  s.running.deps.db.prepare("SELECT COUNT(*) FROM messages WHERE phone = ? AND status IN ('queued', 'sending')").pluck().get(phone) as number;

export const attemptsOf = (s: LiveLikeServer, id: string) =>
  s.running.deps.db.prepare('SELECT attempts FROM messages WHERE id = ?').pluck().get(id) as number;
