/**
 * The composition root: opens the database, builds the WhatsApp client (pointed at Meta, or at the
 * built-in sandbox on this same server), assembles the app and listens. Tests call it with PORT=0
 * and a temporary KOPRU_DATA_DIR.
 * @module
 */
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app';
import { systemClock, type Clock } from './core/clock';
import { createEventHub } from './core/events';
import { createLogger, type Logger } from './core/logger';
import { startOutboxWorker } from './core/outbox';
import { startRetentionJob } from './core/retention';
import { requestTemplateSync } from './core/template-sync';
import { startCheckpointer } from './db/checkpointer';
import { openDb } from './db/open-db';
import type { Deps } from './deps';
import type { Config } from './env';
import { createSandbox } from './sandbox/create-sandbox';
import { createVirtualClock } from './sandbox/virtual-clock';
import { createWhatsAppClient } from './whatsapp/client';

export type RunningServer = {
  url: string;
  port: number;
  deps: Deps;
  /** Present in sandbox mode: the virtual clock shared by the server and the emulated Meta. */
  virtualClock: ReturnType<typeof createVirtualClock> | null;
  close(): Promise<void>;
};

export async function startServer(config: Config, opts: { log?: Logger; clock?: Clock } = {}): Promise<RunningServer> {
  const w = config.whatsapp;
  const log = opts.log ?? createLogger({ level: config.logLevel, secrets: [w.accessToken, w.appSecret, w.verifyToken] });
  const dbFile = join(config.dataDir, 'kopru.sqlite');
  const db = openDb(dbFile);
  // WAL checkpoints on a worker thread, not in the middle of a request's commit (checkpointer.ts).
  const checkpointer = startCheckpointer(db, dbFile, log);
  const virtualClock = config.mode === 'sandbox' ? createVirtualClock() : null;
  const clock = opts.clock ?? virtualClock ?? systemClock;

  // The app is built after listen, because in sandbox mode our own address (PORT=0 in tests) is part of it.
  // `env` carries Node's request/socket (the client address for public-page rate limits).
  let handler: ((req: Request, env: unknown) => Response | Promise<Response>) | null = null;
  const server = createAdaptorServer({
    fetch: (req, env) => (handler ? handler(req, env) : new Response('starting', { status: 503 })),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (config.mode === 'sandbox') w.graphUrl = `${url}/sandbox/graph`;
  // Links to our own customer pages (opt-in, preferences, /r/) need an address: the one we listen on unless configured.
  config.publicUrl ??= url;

  const sandbox =
    config.mode === 'sandbox' && virtualClock
      ? createSandbox({
          clock: virtualClock,
          webhookUrl: () => config.sandbox.webhookUrl ?? `${url}/webhooks/whatsapp`,
          appSecret: w.appSecret,
          dbFile: join(config.dataDir, 'sandbox.sqlite'),
          reviewDelayMs: config.sandbox.reviewDelayMs,
          deliveryDelayMs: config.sandbox.deliveryDelayMs,
          readDelayMs: config.sandbox.readDelayMs,
          throughputPerSecond: config.sandbox.throughputPerSecond,
          pairRate: config.sandbox.pairRate ? undefined : false,
          log: (line) => log.debug(line),
        })
      : null;

  const whatsapp = createWhatsAppClient({
    graphUrl: w.graphUrl,
    apiVersion: w.apiVersion,
    timeoutMs: w.timeoutMs,
    accessToken: w.accessToken,
    phoneNumberId: w.phoneNumberId,
    wabaId: w.wabaId,
  });
  const deps: Deps = { db, config, clock, log, whatsapp, events: createEventHub() };
  const app = createApp(deps, { sandbox: sandbox?.app });
  // Before requests are served: rows a crashed run left mid-send must be marked uncertain first.
  const outbox = startOutboxWorker(deps);
  const retention = startRetentionJob(deps);
  handler = (req, env) => app.fetch(req, env);
  // Sandbox: the emulated Meta answers on this same server, so wait and the demo has templates at once.
  if (config.mode === 'sandbox') await requestTemplateSync(deps);
  else void requestTemplateSync(deps);

  log.info('server listening', { url, mode: config.mode });
  let closed = false;
  return {
    url,
    port,
    deps,
    virtualClock,
    async close() {
      if (closed) return;
      closed = true;
      await outbox.stop();
      retention.stop();
      await sandbox?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams and hung sandbox requests keep sockets open; do not wait for them.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      // Its connection first: the last connection to close folds the WAL back into the file.
      await checkpointer.stop();
      db.close();
    },
  };
}
