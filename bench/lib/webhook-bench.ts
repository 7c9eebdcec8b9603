/**
 * Webhook ingestion: `POST /webhooks/whatsapp` with status webhooks as Meta sends them, while 50
 * panels are connected to `GET /api/events`.
 *
 * - Statuses are for messages that exist: the ones the send benchmark put through the sandbox
 *   (read back from the server's database: our id, Meta's wamid, the owning agent).
 * - Several statuses per POST, like Meta's batching (`STATUSES_PER_POST`), each message getting
 *   `sent`, then `delivered`, then `read` — all `sent` batches first, so concurrency never makes a
 *   later status overtake an earlier one for the same message.
 * - Bodies are serialised like Meta's JSON (non-ASCII and `/` escaped) and signed with
 *   HMAC-SHA256 over those exact bytes with the sandbox app secret (`X-Hub-Signature-256`).
 *
 * The figure is status events per second as the panels see them: events received over SSE,
 * divided by the time from the first POST to the last event received.
 * @module
 */
import { createHmac } from 'node:crypto';
import type { Request } from 'autocannon';
import Database from 'better-sqlite3';
import { SANDBOX } from '../../server/env';
import { runLoad, type LoadResult, type Target } from './load';
import { connectPanels, type PanelStats } from './panels';

export const STATUSES_PER_POST = 10;

type Sent = { id: string; wamid: string; phone: string; agent_id: string };

export type WebhookBenchResult = {
  messages: number;
  posts: number;
  statuses: number;
  load: LoadResult;
  panels: PanelStats;
  /** Status events the panels received per second (first POST → last event). */
  eventsPerSecond: number;
  /** Statuses in answered (200) POSTs per second of the load run. */
  statusesPerSecondHttp: number;
  /** Rows in message_events for these statuses after the run (each exactly once). */
  storedStatuses: number;
};

const metaJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');

function statusBody(batch: Sent[], status: 'sent' | 'delivered' | 'read', timestamp: number): string {
  const pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' };
  return metaJson({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: SANDBOX.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: SANDBOX.businessNumber, phone_number_id: SANDBOX.phoneNumberId },
              statuses: batch.map((m) => ({
                id: m.wamid,
                status,
                timestamp: String(timestamp),
                recipient_id: m.phone.slice(1),
                ...(status === 'read' ? {} : { pricing }),
                biz_opaque_callback_data: m.id,
              })),
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
}

export function sentMessages(dbFile: string): Sent[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT id, wamid, phone, agent_id FROM messages WHERE wamid IS NOT NULL AND status = 'accepted' ORDER BY created_at")
      .all() as Sent[];
  } finally {
    db.close();
  }
}

export async function webhookBench(opts: {
  target: Target;
  dbFile: string;
  panelTokens: string[];
  connections: number;
  maxMessages: number;
}): Promise<WebhookBenchResult> {
  const messages = sentMessages(opts.dbFile).slice(0, opts.maxMessages);
  if (messages.length === 0) throw new Error('no accepted messages to send statuses for (did the send benchmark run?)');
  const t0s = Math.floor(Date.now() / 1000);
  const bodies: Array<{ body: Buffer; signature: string; statuses: number }> = [];
  (['sent', 'delivered', 'read'] as const).forEach((status, phase) => {
    for (let i = 0; i < messages.length; i += STATUSES_PER_POST) {
      const batch = messages.slice(i, i + STATUSES_PER_POST);
      const body = Buffer.from(statusBody(batch, status, t0s + phase), 'utf8');
      const signature = `sha256=${createHmac('sha256', SANDBOX.appSecret).update(body).digest('hex')}`;
      bodies.push({ body, signature, statuses: batch.length });
    }
  });
  const statuses = bodies.reduce((n, b) => n + b.statuses, 0);

  const panels = await connectPanels(opts.target.url, opts.panelTokens);
  try {
    let next = 0;
    const request: Request = {
      method: 'POST',
      path: '/webhooks/whatsapp',
      setupRequest: (req) => {
        const b = bodies[next++ % bodies.length]!;
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': b.signature, 'user-agent': 'facebookexternalua' },
          body: b.body,
        };
      },
    };
    const startedAt = performance.timeOrigin + performance.now();
    const load = await runLoad(opts.target, { connections: opts.connections, amount: bodies.length, requests: [request] });
    // Events still in flight to the panels: wait until the count stops growing.
    let stats = await panels.stats();
    for (let quiet = 0; quiet < 5 && stats.statusEvents < statuses; ) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await panels.stats();
      quiet = again.statusEvents === stats.statusEvents ? quiet + 1 : 0;
      stats = again;
    }
    const elapsedS = (stats.lastAt - startedAt) / 1000;
    return {
      messages: messages.length,
      posts: bodies.length,
      statuses,
      load,
      panels: stats,
      eventsPerSecond: stats.statusEvents / elapsedS,
      statusesPerSecondHttp: (load.ok * STATUSES_PER_POST) / load.seconds,
      storedStatuses: countStored(opts.dbFile, messages),
    };
  } finally {
    await panels.close();
  }
}

function countStored(dbFile: string, messages: Sent[]): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const stmt = db.prepare("SELECT COUNT(*) FROM message_events WHERE message_id = ? AND status IN ('sent', 'delivered', 'read')").pluck();
    return messages.reduce((n, m) => n + (stmt.get(m.id) as number), 0);
  } finally {
    db.close();
  }
}
