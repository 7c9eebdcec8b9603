/**
 * Sandbox mode's first-run helpers: a demo admin whose token survives restarts (kept in the data
 * folder, sandbox mode only) and the banner `npm start` prints.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_ID } from '../shared/extension-id';
import { createAgent, findAgentByToken } from './db/agents-repo';
import type { RunningServer } from './start-server';

const DEMO_CUSTOMER = '905324182796';

export function ensureDemoToken(running: RunningServer): string {
  const { db, config, clock } = running.deps;
  const file = join(config.dataDir, 'demo-admin-token.txt');
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (saved && findAgentByToken(db, saved)?.revokedAt === null) return saved;
  const { token } = createAgent(db, { name: 'Demo admin', role: 'admin', now: clock.now() });
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}

export function pairingLink(serverUrl: string, token: string): string {
  return `chrome-extension://${EXTENSION_ID}/options.html#server=${encodeURIComponent(serverUrl)}&token=${encodeURIComponent(token)}`;
}

export function ensureDemoData(running: RunningServer): void {
  const token = ensureDemoToken(running);
  const ext = resolve('.output/chrome-mv3');
  console.log(
    [
      '',
      `Köprü is running in sandbox mode at ${running.url} (no Meta account needed).`,
      `  Extension folder: ${ext}  (chrome://extensions → Developer mode → Load unpacked)`,
      `  Demo admin token: ${token}`,
      `  Pairing link:     ${pairingLink(running.url, token)}`,
      `  A demo customer's phone: ${running.url}/sandbox/phone/${DEMO_CUSTOMER}`,
      '',
    ].join('\n'),
  );
}
