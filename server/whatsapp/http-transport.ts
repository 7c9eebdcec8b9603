/**
 * How the Graph client's requests travel: `node:http`/`node:https` over keep-alive agents.
 *
 * Why not the global `fetch`: measured on the send path (bench/README.md, send-cost), Node's fetch
 * (undici's WHATWG layer: Request/Response objects, web streams, AbortSignal plumbing) cost about
 * 0.45 ms of CPU per Graph call against 0.05 ms for the same request through `node:http` — a tenth
 * of a whole send. The call is the same HTTP request; what graph-request.ts needs from the answer
 * is only its status, headers and text (`GraphResponse`), which the global `fetch` also satisfies,
 * so tests still inject a fake `fetch`.
 *
 * Semantics kept from `fetch`, because the outbox's uncertainty rules depend on them: a failure
 * rejects with the socket error (its `code`, e.g. ECONNREFUSED = nothing was sent), an aborted
 * request rejects and is torn down, and a body is read completely before it counts as answered.
 * @module
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type GraphResponse = {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};

export type GraphFetchInit = { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal };

/** The part of `fetch` the Graph client uses; the global `fetch` is one. */
export type GraphFetch = (url: string, init: GraphFetchInit) => Promise<GraphResponse>;

/**
 * Idle sockets are closed after this long unless the server announces a shorter keep-alive
 * (`Keep-Alive: timeout=N`, which Node's agent honours — but only when a timeout is set at all).
 */
const IDLE_SOCKET_MS = 30_000;

class HeaderView {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
}

function abortError(): Error {
  const e = new Error('The Graph request was aborted.');
  e.name = 'AbortError';
  return e;
}

export function createHttpFetch(): GraphFetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  return (url, init) =>
    new Promise<GraphResponse>((resolve, reject) => {
      const u = new URL(url);
      const agent = u.protocol === 'https:' ? agents['https:'] : u.protocol === 'http:' ? agents['http:'] : null;
      if (!agent) {
        reject(new TypeError(`Unsupported protocol ${u.protocol}`));
        return;
      }
      const { signal } = init;
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        { agent, protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port || undefined, path: `${u.pathname}${u.search}`, method: init.method, headers },
        (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => (text += chunk));
          res.once('end', () => {
            cleanup();
            const status = res.statusCode ?? 0;
            resolve({ status, ok: status >= 200 && status <= 299, headers: new HeaderView(res.headers), text: () => Promise.resolve(text) });
          });
          res.once('error', fail);
          res.once('aborted', () => fail(Object.assign(new Error('The Graph API closed the connection mid-answer.'), { code: 'ECONNRESET' })));
        },
      );
      function fail(error: Error) {
        cleanup();
        reject(error);
      }
      const onAbort = () => {
        req.destroy(abortError());
      };
      function cleanup() {
        signal?.removeEventListener('abort', onAbort);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('error', fail);
      req.end(init.body);
    });
}
