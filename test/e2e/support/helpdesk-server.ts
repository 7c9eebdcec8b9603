/**
 * Serves the helpdesk fixture pages (test/fixtures/helpdesks/<vendor>/) over HTTPS on a loopback port,
 * choosing the vendor by the Host header, with a throwaway self-signed certificate made by openssl.
 * Chromium maps the vendors' real host names to 127.0.0.1 (see browser.ts), so the extension's
 * content-script match patterns apply exactly as on the real sites.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FIXTURES = resolve('test/fixtures/helpdesks');

export type HelpdeskServer = { port: number; origin(host: string): string; close(): Promise<void> };

/**
 * `routes` maps a host name to its vendor folder; the path decides the page: a path listed in
 * `pages` serves that file, anything else serves `ticket.html`.
 */
export async function startHelpdeskServer(routes: Record<string, { vendor: string; pages?: Record<string, string> }>): Promise<HelpdeskServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], {
    stdio: 'ignore',
  });
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const route = routes[host];
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const file = route ? join(FIXTURES, route.vendor, route.pages?.[path] ?? 'ticket.html') : '';
    if (!route || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: (host) => `https://${host}:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
