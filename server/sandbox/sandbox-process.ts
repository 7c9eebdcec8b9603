/**
 * The emulated Meta in a process of its own: the bench's production layout (the server in live mode
 * pointed at it, as it would be at graph.facebook.com) and the tests that kill it with SIGKILL.
 * Run with `node --import tsx server/sandbox/sandbox-process.ts`, configured by environment:
 * SANDBOX_DB_FILE, SANDBOX_WEBHOOK_URL and SANDBOX_APP_SECRET are required; SANDBOX_REVIEW_DELAY_MS,
 * SANDBOX_DELIVERY_DELAY_MS, SANDBOX_READ_DELAY_MS, SANDBOX_THROUGHPUT_PER_SECOND and
 * SANDBOX_PAIR_RATE=off are optional (the sandbox's defaults otherwise). Prints
 * `sandbox listening at <url>` when ready and closes cleanly on SIGTERM.
 */
import { startSandboxServer } from './start-sandbox-server';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

const server = await startSandboxServer({
  dbFile: required('SANDBOX_DB_FILE'),
  webhookUrl: () => required('SANDBOX_WEBHOOK_URL'),
  appSecret: required('SANDBOX_APP_SECRET'),
  reviewDelayMs: optionalNumber('SANDBOX_REVIEW_DELAY_MS'),
  deliveryDelayMs: optionalNumber('SANDBOX_DELIVERY_DELAY_MS'),
  readDelayMs: optionalNumber('SANDBOX_READ_DELAY_MS'),
  throughputPerSecond: optionalNumber('SANDBOX_THROUGHPUT_PER_SECOND'),
  ...(process.env.SANDBOX_PAIR_RATE === 'off' ? { pairRate: false as const } : {}),
});
process.stdout.write(`sandbox listening at ${server.url}\n`);
process.once('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
