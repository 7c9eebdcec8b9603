/**
 * Server-sent events over `fetch`, because `EventSource` cannot send the `Authorization` header
 * every `/api` route requires. Reconnects with exponential backoff and jitter, honours the
 * server's `retry:` hint and resumes with `Last-Event-ID`; stops for good on 401/403 (a revoked
 * token will not start working by itself).
 *
 * @module
 */

export type SseMessage = { event: string; data: string; id?: string };

/** Incremental SSE parser (WHATWG rules: `\n`, `\r\n` or `\r` line ends; `:` comments; blank line dispatches). */
export function createSseParser(onMessage: (m: SseMessage) => void, onRetry: (ms: number) => void = () => {}) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  function line(text: string) {
    if (text === '') {
      if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const name = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  }

  return {
    feed(chunk: string) {
      buffer += chunk;
      // A trailing '\r' may be the first half of '\r\n': keep it until the next chunk.
      const match = /\r\n|\n|\r(?!$)/g;
      let start = 0;
      for (let m = match.exec(buffer); m; m = match.exec(buffer)) {
        line(buffer.slice(start, m.index));
        start = m.index + m[0].length;
      }
      buffer = buffer.slice(start);
    },
    get lastEventId() {
      return id;
    },
  };
}

export type StreamStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'retrying'; inMs: number; attempt: number }
  | { state: 'stopped'; status: number };

export type EventStreamOptions = {
  url: string;
  token: string;
  onMessage: (m: SseMessage) => void;
  onStatus?: (s: StreamStatus) => void;
  fetch?: typeof fetch;
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/** Delay before reconnect attempt `attempt` (1-based): doubling from `initial`, capped, with ±25 % jitter. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export function openEventStream(options: EventStreamOptions): { close(): void } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const status = options.onStatus ?? (() => {});

  let closed = false;
  let attempt = 0;
  let hintMs: number | undefined;
  let lastEventId: string | undefined;
  let controller: AbortController | null = null;
  let timer: unknown = null;

  async function connect() {
    if (closed) return;
    controller = new AbortController();
    status({ state: 'connecting' });
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    try {
      const res = await doFetch(options.url, { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 403) {
        closed = true;
        status({ state: 'stopped', status: res.status });
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const parser = createSseParser(
        (m) => {
          if (m.id !== undefined) lastEventId = m.id;
          options.onMessage(m);
        },
        (ms) => (hintMs = ms),
      );
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let first = true;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // Open once the server has written something: it subscribes us before its first write,
        // so from here on no event can be missed.
        if (first) {
          first = false;
          attempt = 0;
          status({ state: 'open' });
        }
        parser.feed(value);
      }
    } catch {
      // Network failure or abort: both end up below; `closed` tells them apart.
    }
    if (!closed) scheduleReconnect();
  }

  function scheduleReconnect() {
    attempt += 1;
    const backoff = backoffDelay(attempt, initial, max, random);
    const inMs = hintMs !== undefined && attempt === 1 ? hintMs : backoff;
    status({ state: 'retrying', inMs, attempt });
    timer = setTimer(() => {
      timer = null;
      void connect();
    }, inMs);
  }

  void connect();
  return {
    close() {
      closed = true;
      controller?.abort();
      if (timer !== null) clearTimer(timer);
    },
  };
}
