/**
 * A sandbox in a process of its own, so a test can kill it with SIGKILL (no shutdown code runs).
 * Configured by environment: SANDBOX_DB_FILE, SANDBOX_WEBHOOK_URL, SANDBOX_APP_SECRET,
 * SANDBOX_DELIVERY_DELAY_MS, SANDBOX_READ_DELAY_MS. Prints `sandbox listening at <url>` when ready.
 */
import { startSandboxServer } from '../../../server/sandbox/start-sandbox-server';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const server = await startSandboxServer({
  dbFile: env('SANDBOX_DB_FILE'),
  webhookUrl: () => env('SANDBOX_WEBHOOK_URL'),
  appSecret: env('SANDBOX_APP_SECRET'),
  deliveryDelayMs: Number(env('SANDBOX_DELIVERY_DELAY_MS')),
  readDelayMs: Number(env('SANDBOX_READ_DELAY_MS')),
});
process.stdout.write(`sandbox listening at ${server.url}\n`);
