import { describe, expect, it } from 'vitest';
import { backoffDelay, createSseParser, openEventStream, type SseMessage, type StreamStatus } from '../../../extension/lib/event-stream';

describe('SSE parser', () => {
  it('reads events split across chunks, with CRLF, comments, multi-line data and retry hints', () => {
    const got: SseMessage[] = [];
    const retries: number[] = [];
    const p = createSseParser((m) => got.push(m), (ms) => retries.push(ms));
    p.feed('retry: 3000\n: connected\n\nevent: consent.changed\r');
    p.feed('\ndata: {"a":');
    p.feed('1}\r\n\r\n: heartbeat\n\ndata: line one\ndata: line two\nid: 7\n\n');
    expect(retries).toEqual([3000]);
    expect(got).toEqual([
      { event: 'consent.changed', data: '{"a":1}' },
      { event: 'message', data: 'line one\nline two', id: '7' },
    ]);
  });
});

function streamResponse(chunks: string[], status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

describe('openEventStream', () => {
  it('sends the token, reconnects after the stream ends (server hint first, then backoff) and stops on 401', async () => {
    const requests: Array<Record<string, string>> = [];
    const answers = [
      () => streamResponse(['retry: 1500\n: connected\n\nevent: optin.confirmed\ndata: {"type":"optin.confirmed"}\nid: 41\n\n']),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => streamResponse([], 401),
    ];
    const timers: number[] = [];
    const messages: SseMessage[] = [];
    const statuses: StreamStatus['state'][] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    openEventStream({
      url: 'http://127.0.0.1:1/api/events',
      token: 'tok-123',
      fetch: async (_url, init) => {
        requests.push(init?.headers as Record<string, string>);
        return answers[requests.length - 1]!();
      },
      onMessage: (m) => messages.push(m),
      onStatus: (s) => {
        statuses.push(s.state);
        if (s.state === 'stopped') done();
      },
      random: () => 0.5,
      setTimer: (fn, ms) => {
        timers.push(ms);
        queueMicrotask(fn);
        return 0;
      },
      clearTimer: () => {},
    });
    await finished;
    expect(requests.map((h) => h.authorization)).toEqual(['Bearer tok-123', 'Bearer tok-123', 'Bearer tok-123']);
    expect(requests[1]?.['last-event-id']).toBe('41');
    expect(messages.map((m) => m.event)).toEqual(['optin.confirmed']);
    expect(timers).toEqual([1500, 2000]);
    expect(statuses).toEqual(['connecting', 'open', 'retrying', 'connecting', 'retrying', 'connecting', 'stopped']);
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [9, 30_000],
  ])('backoff for attempt %i is %i ms (without jitter)', (attempt, ms) => {
    expect(backoffDelay(attempt, 1000, 30_000, () => 0.5)).toBe(ms);
  });
});
