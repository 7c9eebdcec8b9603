/**
 * Helpers for consent tests over real HTTP: the simulated customer (the sandbox's
 * `/sandbox/customers/{waId}/…`, which makes the emulated Meta send a signed webhook to our own
 * `/webhooks/whatsapp`), what the customer's phone shows, and a fetch-based SSE reader.
 */
import { expect } from 'vitest';
import type { TestServer } from '../../helpers/test-server';
import { waitFor } from '../../helpers/test-server';

export type CustomerMessage = { name?: string; text?: string; button?: { payload: string; text: string }; context?: { id: string } };

/** The customer writes from WhatsApp; resolves to the inbound wamid once our server has handled it. */
export async function customerSays(s: TestServer, waId: string, body: CustomerMessage): Promise<string> {
  const res = await fetch(`${s.url}/sandbox/customers/${waId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  // Handled = stored in inbound_messages by handleInboundMessage (the webhook is delivered async).
  await waitFor(() => s.running.deps.db.prepare('SELECT 1 FROM inbound_messages WHERE wamid = ?').get(id));
  return id;
}

export type PhoneMessage = { direction: 'inbound' | 'outbound'; id: string; status: string; type: string; text?: string; rendered?: unknown };

/** What the customer's phone shows (outbound messages Meta accepted, and their own). */
export async function phoneShows(s: TestServer, waId: string): Promise<PhoneMessage[]> {
  const res = await fetch(`${s.url}/sandbox/customers/${waId}/messages`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: PhoneMessage[] }).messages;
}

export const outboundTexts = async (s: TestServer, waId: string) =>
  (await phoneShows(s, waId)).filter((m) => m.direction === 'outbound' && m.type === 'text').map((m) => m.text ?? '');

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Reads an SSE response body chunk by chunk; `until` waits for the text seen so far to match. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let pending: Promise<void> | null = null;
  const pump = () =>
    (pending ??= reader.read().then(({ value, done }) => {
      pending = null;
      if (done) throw new Error(`stream ended; seen so far:\n${seen}`);
      seen += decoder.decode(value, { stream: true });
    }));
  return {
    get text() {
      return seen;
    },
    async until(test: (all: string) => boolean, timeoutMs = 5000): Promise<string> {
      const end = Date.now() + timeoutMs;
      while (!test(seen)) {
        if (Date.now() > end) throw new Error(`SSE: condition not met; seen so far:\n${seen}`);
        await Promise.race([pump(), new Promise((r) => setTimeout(r, 50))]);
      }
      return seen;
    },
    /** Parsed `event:`/`data:` blocks seen so far. */
    events(): Array<{ event: string; data: unknown }> {
      return seen
        .split('\n\n')
        .map((block) => block.split('\n'))
        .filter((lines) => lines.some((l) => l.startsWith('event: ')))
        .map((lines) => ({
          event: lines.find((l) => l.startsWith('event: '))!.slice(7),
          data: JSON.parse(lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')) as unknown,
        }));
    },
    cancel: () => reader.cancel(),
  };
}
