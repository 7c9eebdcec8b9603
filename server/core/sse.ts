/**
 * Live events over server-sent events, read with `fetch` (the extension cannot put an
 * Authorization header on an EventSource, and a token in the URL would end up in logs).
 *
 * Wire format: a `retry:` hint and a `: connected` comment first (written only after the
 * subscription is live, so a client that has read it will not miss a later event), then
 * `event: <type>` + `data: <json>` per event and a `: heartbeat` comment every 15 s so proxies and
 * the browser keep an idle connection open. Events are not replayed after a reconnect
 * (Last-Event-ID is not honoured): a panel refetches the contact it shows when it reconnects.
 * @module
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../shared/schemas/live-event';
import type { AppEnv } from './app-env';
import type { EventHub } from './events';

export type SseOptions = {
  heartbeatMs?: number;
  /** How long the browser waits before reconnecting after a drop. */
  retryMs?: number;
  /** A client this far behind is cut off (it reconnects and refetches) instead of growing our memory. */
  maxQueued?: number;
};

export const formatEvent = (e: LiveEvent): string => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

export function liveEventStream(c: Context<AppEnv>, hub: EventHub, opts: SseOptions = {}): Response {
  const { heartbeatMs = 15_000, retryMs = 3_000, maxQueued = 1_000 } = opts;
  const agent = c.var.agent;
  c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
  return streamSSE(c, async (stream) => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let queued = 0;
    const push = (chunk: string) => {
      if (stream.aborted || stream.closed) return;
      if (queued >= maxQueued) {
        stream.abort();
        return;
      }
      queued++;
      void stream.write(chunk).finally(() => queued--);
    };
    const unsubscribe = hub.subscribe({ agentId: agent.id, isAdmin: agent.role === 'admin', send: (e) => push(formatEvent(e)) });
    const heartbeat = setInterval(() => push(': heartbeat\n\n'), heartbeatMs);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      finish();
    };
    stream.onAbort(stop);
    push(`retry: ${retryMs}\n: connected\n\n`);
    await finished;
  });
}
