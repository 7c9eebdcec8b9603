/**
 * The emulated Meta in a process of its own, for the bench's production layout (the server in live
 * mode pointed at it, as it would be pointed at graph.facebook.com). Run with
 * `node --import tsx bench/lib/sandbox-child.ts`; configured by environment (below); prints
 * `sandbox listening at <url>` when ready and closes cleanly on SIGTERM.
 */
import { startSandboxServer } from '../../server/sandbox/start-sandbox-server';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const server = await startSandboxServer({
  dbFile: env('SANDBOX_DB_FILE'),
  webhookUrl: () => env('SANDBOX_WEBHOOK_URL'),
  appSecret: env('SANDBOX_APP_SECRET'),
  reviewDelayMs: Number(env('SANDBOX_REVIEW_DELAY_MS')),
  deliveryDelayMs: Number(env('SANDBOX_DELIVERY_DELAY_MS')),
  readDelayMs: Number(env('SANDBOX_READ_DELAY_MS')),
  throughputPerSecond: Number(env('SANDBOX_THROUGHPUT_PER_SECOND')),
  ...(process.env.SANDBOX_PAIR_RATE === 'off' ? { pairRate: false as const } : {}),
});
process.stdout.write(`sandbox listening at ${server.url}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
