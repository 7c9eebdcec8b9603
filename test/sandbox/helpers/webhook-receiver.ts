/**
 * A tiny webhook endpoint on 127.0.0.1 that records every POST's raw bytes and headers and checks
 * the `X-Hub-Signature-256` over exactly those bytes — what a careful receiver does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  raw: string;
  headers: Record<string, string | string[] | undefined>;
  body: { object: string; entry: Array<{ id: string; time?: number; changes: Array<{ field: string; value: Record<string, any> }> }> };
  signatureValid: boolean;
  answeredWith: number;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Decide the HTTP status per request (n = 1-based request count); 200 by default. */
  respondWith(decide: (n: number) => number): void;
  /** Every change value with this field, across all received POSTs, in arrival order. */
  values(field: string): Array<Record<string, any>>;
  /** Every status object for a message id, in arrival order. */
  statuses(wamid?: string): Array<Record<string, any>>;
  close(): Promise<void>;
};

export function verifySignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let decide: (n: number) => number = () => 200;
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      count += 1;
      const status = decide(count);
      received.push({
        raw: raw.toString('utf8'),
        headers: req.headers,
        body: JSON.parse(raw.toString('utf8')),
        signatureValid: verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, secret),
        answeredWith: status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const values = (field: string) =>
    received.flatMap((r) => r.body.entry.flatMap((e) => e.changes.filter((c) => c.field === field).map((c) => c.value)));
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    respondWith: (fn) => {
      decide = fn;
    },
    values,
    statuses: (wamid) =>
      values('messages')
        .flatMap((v) => (v.statuses ?? []) as Array<Record<string, any>>)
        .filter((s) => wamid === undefined || s.id === wamid),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
