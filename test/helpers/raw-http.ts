/**
 * One HTTP request on its own fresh connection (node:http, no keep-alive pool), for fuzzing: a
 * case can never fail because an earlier case left a pooled socket half-closed (a server may close
 * the connection after refusing a big body early, RFC 9110 §15.5.14), and redirects are not followed.
 */
import { request } from 'node:http';

export type RawResponse = { status: number; headers: Record<string, string>; text: string };

export type RawOutcome = { ok: true; response: RawResponse } | { ok: false; error: Error; bodyWritten: boolean };

export function rawRequest(url: string, init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array }): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const u = new URL(url);
    let settled = false;
    const done = (o: RawOutcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : Buffer.from(init.body);
    let bodyWritten = false;
    let req: ReturnType<typeof request>;
    try {
      req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: init.method,
        agent: false,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) },
      },
      (res) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        // A live event stream never ends: its status and headers are the answer.
        if (headers['content-type']?.includes('text/event-stream')) {
          res.destroy();
          done({ ok: true, response: { status: res.statusCode ?? 0, headers, text: '' } });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          done({ ok: true, response: { status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') } });
        });
        res.on('error', (error) => done({ ok: false, error, bodyWritten }));
      },
    );
    } catch (error) {
      // Node refuses to put this on the wire (an invalid header, say): not the server's doing.
      done({ ok: false, error: error as Error, bodyWritten: false });
      return;
    }
    req.on('error', (error) => done({ ok: false, error, bodyWritten }));
    if (body) req.write(body, () => (bodyWritten = true));
    req.end();
  });
}
