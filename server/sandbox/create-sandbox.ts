/**
 * The sandbox: a local stand-in for Meta's WhatsApp Cloud API, as a Hono sub-app the server mounts
 * at `/sandbox`. It plays Meta and knows only what Meta knows — its state lives in its own SQLite
 * file and it talks to Köprü only over HTTP (Graph calls in, signed webhooks out). Created on an
 * existing file, it takes up the work the last run still owed (status ladders, webhook retries,
 * reviews, pauses, category changes) and the virtual clock's offset.
 *
 * Routes (relative to the mount point):
 * - `/graph/{vNN.N}/…` — the Graph API surface (templates, messages), Bearer `sandbox-token`
 * - `/customers/{waId}/…` — simulated customers (inbound messages, marketing preferences, their chat)
 * - `/phone/{waId}` — that customer's phone as an HTML page
 * - `/control/…` — test/demo switches (see control-routes.ts)
 * - `GET /clock`, `POST /clock/advance {ms}` — the shared virtual clock
 *
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { SandboxContext } from './context';
import { controlRoutes } from './control-routes';
import { customersRoutes } from './customers-routes';
import { graphApp } from './graph/graph-app';
import { restoreStatusSchedules } from './graph/message-lifecycle';
import { restoreTemplateSchedules } from './graph/template-lifecycle';
import { apiError, invalidBody, jsonOrEmpty } from './http-errors';
import type { SandboxIdentity } from './identity';
import { SANDBOX_IDENTITY } from './identity';
import { phonePage } from './phone-page';
import { createRateLimiter } from './rate-limits';
import { createScheduler } from './scheduler';
import { seedDemoTemplates } from './seed-demo';
import type { PairRate, SandboxSettings, WebhookRetry } from './settings';
import { resumeClockOffset } from './store/clock-store';
import { openSandboxDb } from './store/open-store';
import type { Clock, VirtualClockControl } from './virtual-clock';
import { isVirtualClock } from './virtual-clock';
import type { WebhookDispatcher } from './webhooks/dispatcher';
import { createWebhookDispatcher } from './webhooks/dispatcher';

export type { VirtualClockControl } from './virtual-clock';
export { createVirtualClock } from './virtual-clock';
export { startSandboxServer } from './start-sandbox-server';

export type SandboxOptions = {
  /** ms epoch; share the server's virtual clock so "jump 24 h" affects both. */
  clock: Clock;
  /** Where signed webhooks are POSTed. */
  webhookUrl: () => string;
  /** HMAC key for `X-Hub-Signature-256` ('sandbox-app-secret' unless configured). */
  appSecret: string;
  /** The sandbox's own SQLite file; ':memory:' by default. */
  dbFile?: string;
  seedDemoData?: boolean;
  reviewDelayMs?: number;
  deliveryDelayMs?: number;
  readDelayMs?: number;
  throughputPerSecond?: number;
  pairRate?: PairRate | false;
  webhookRetry?: WebhookRetry;
  log?: (line: string) => void;
  /** Injected for tests of the dispatcher; global fetch otherwise. */
  fetch?: typeof fetch;
};

export type Sandbox = {
  app: Hono;
  /** The clock, when it can be advanced (a virtual clock); null for a plain clock. */
  clock: VirtualClockControl | null;
  identity: SandboxIdentity;
  settings: SandboxSettings;
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
};

export function defaultSettings(opts: Partial<SandboxOptions>): SandboxSettings {
  return {
    reviewDelayMs: opts.reviewDelayMs ?? 2000,
    autoReview: true,
    deliveryDelayMs: opts.deliveryDelayMs ?? 200,
    readDelayMs: opts.readDelayMs ?? 1500,
    throughputPerSecond: opts.throughputPerSecond ?? 1000,
    pairRate: opts.pairRate ?? { perSeconds: 6, burst: 45 },
    webhookRetry: opts.webhookRetry ?? { baseMs: 500, maxAttempts: 8 },
    duplicates: false,
    shuffle: false,
    shuffleWindowMs: 250,
    webhooksPaused: false,
    faults: true,
  };
}

const AdvanceRequest = z.object({ ms: z.number().int().nonnegative() });

export function createSandbox(opts: SandboxOptions): Sandbox {
  const log = opts.log ?? (() => undefined);
  const db = openSandboxDb(opts.dbFile ?? ':memory:');
  const settings = defaultSettings(opts);
  const scheduler = createScheduler({ clock: opts.clock, onError: (err, key) => log(`sandbox job ${key} failed: ${String(err)}`) });
  const virtualClock = isVirtualClock(opts.clock) ? opts.clock : null;
  const stopSavingClock = virtualClock ? resumeClockOffset(db, virtualClock) : undefined;
  // Whoever advances the shared clock (a test, the server, this sandbox), due work runs right away.
  const unsubscribe = virtualClock?.onAdvance(() => scheduler.runDue());
  const webhooks = createWebhookDispatcher({
    db, clock: opts.clock, scheduler, settings, identity: SANDBOX_IDENTITY, appSecret: opts.appSecret,
    url: opts.webhookUrl, fetch: opts.fetch, log,
  });
  const ctx: SandboxContext = {
    db, clock: opts.clock, scheduler, settings, webhooks, identity: SANDBOX_IDENTITY,
    rateLimits: createRateLimiter(opts.clock, settings), transientAttempts: new Map(), hangingRequests: new Set(), log,
  };
  // An existing sandbox file may hold work an earlier run still owed (it may have been killed):
  // deliveries first, before anything new is queued, so whatever is emitted next lines up behind them.
  webhooks.restore();
  if (opts.seedDemoData ?? true) seedDemoTemplates(ctx);
  restoreTemplateSchedules(ctx);
  restoreStatusSchedules(ctx);

  const app = new Hono()
    .route('/graph', graphApp(ctx))
    .route('/customers', customersRoutes(ctx))
    .route('/phone', phonePage(ctx))
    .route('/control', controlRoutes(ctx))
    .get('/clock', (c) => c.json({ now: opts.clock.now(), offsetMs: virtualClock?.offsetMs ?? 0 }, 200))
    .post('/clock/advance', async (c) => {
      if (!virtualClock) return apiError(c, 409, 'CONFLICT', 'This sandbox runs on a real clock that cannot be advanced');
      const parsed = AdvanceRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      virtualClock.advance(parsed.data.ms);
      scheduler.runDue();
      return c.json({ now: virtualClock.now(), offsetMs: virtualClock.offsetMs }, 200);
    });

  let closed = false;
  return {
    app,
    clock: virtualClock,
    identity: SANDBOX_IDENTITY,
    settings,
    webhooks,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      stopSavingClock?.();
      // Nothing is flushed: what is still owed stays in the file for the next run, as after a crash.
      scheduler.close();
      for (const release of [...ctx.hangingRequests]) release();
      await webhooks.close();
      db.close();
    },
  };
}
