/**
 * A scripted stand-in for `fetch` that records every request the Graph client makes and answers
 * from a queue of replies (JSON fixtures, raw bodies, thrown errors or hangs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/whatsapp/${name}`, import.meta.url)), 'utf8'));

export type RecordedRequest = { url: string; method: string; headers: Record<string, string>; body: unknown };

export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; text: string; headers?: Record<string, string> }
  | { throws: unknown }
  /** Never answers; rejects when the request's signal aborts (like real fetch). */
  | { hang: true }
  /** Never answers and ignores the abort signal (a misbehaving fetch). */
  | { hangForever: true };

export function fakeGraph(...replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const queue = [...replies];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const reply = queue.shift();
    if (!reply) throw new Error(`fake graph: no reply scripted for ${String(input)}`);
    if ('throws' in reply) throw reply.throws;
    if ('hangForever' in reply) return new Promise<Response>(() => {});
    if ('hang' in reply) {
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    }
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
    return new Response(body, {
      status: reply.status ?? 200,
      headers: { 'content-type': 'json' in reply ? 'application/json' : 'text/html', ...reply.headers },
    });
  }) as typeof fetch;
  return { fetch: fakeFetch, requests, pending: () => queue.length };
}

/** What undici throws for a failed connection: `TypeError('fetch failed')` with a system error as cause. */
export function fetchFailed(code: string, message = `connect ${code} 127.0.0.1:443`): TypeError {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause });
}
