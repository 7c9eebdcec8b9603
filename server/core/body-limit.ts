/**
 * `bodyLimit` with the common case decided from the headers alone.
 *
 * Hono's `bodyLimit` starts by looking at `c.req.raw.body`, and on @hono/node-server touching
 * `body` turns the lightweight request into a full WHATWG Request: a ReadableStream over the
 * socket, an AbortController and its signal — measured at a few percent of every POST's CPU, and it
 * also pushes the later `c.req.json()` off node-server's direct-read fast path. A request that
 * declares its length (no Transfer-Encoding) is judged here from Content-Length exactly as Hono
 * would judge it; only a chunked body is counted by Hono's middleware as it is read.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function fastBodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counting = bodyLimit(options);
  return async function fastBodyLimitMiddleware(c, next) {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length || '0', 10) > options.maxSize) return options.onError(c);
      await next();
      return;
    }
    return counting(c, next);
  };
}
