/**
 * `npm run start:server`: read the environment, start, stop cleanly on SIGINT/SIGTERM.
 * @module
 */
import { ConfigError, loadConfig } from './env';
import { ensureDemoData } from './demo-data';
import { startServer } from './start-server';

try {
  const config = loadConfig();
  const running = await startServer(config);
  if (config.mode === 'sandbox') ensureDemoData(running);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
