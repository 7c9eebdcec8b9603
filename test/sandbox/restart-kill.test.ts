/**
 * A real kill -9: the sandbox runs in a child process, accepts messages and is killed with SIGKILL
 * before their statuses fall due. The next run on its file (here, in this process, its real time
 * 150 s later) owes and sends every status — at least once, in ladder order, validly signed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SECRET } from './helpers/harness';
import { boot, cleanup, clientFor, DELIVERY_MS, READ_MS, receiver, tempDbFile, templatePayload } from './helpers/restart-runs';
import { waitFor } from './helpers/wait-for';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await cleanup();
});

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sandbox/sandbox-process.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /sandbox listening at (http:\/\/127\.0\.0\.1:\d+\/sandbox)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
}

const LADDERS: Record<string, string[]> = {
  '905326400011': ['sent', 'delivered', 'read'],
  '905326400022': ['sent', 'delivered', 'read'],
  '905326400033': ['sent', 'delivered', 'read'],
  '905326410000': ['failed'],
};

it('kill -9 with statuses still owed: the next run on the same file sends them all, in order', { timeout: 60_000 }, async () => {
  const dbFile = tempDbFile();
  const hooks = await receiver();
  const { child, url } = await startChild({
    SANDBOX_DB_FILE: dbFile,
    SANDBOX_WEBHOOK_URL: hooks.url,
    SANDBOX_APP_SECRET: SECRET,
    SANDBOX_DELIVERY_DELAY_MS: String(DELIVERY_MS),
    SANDBOX_READ_DELAY_MS: String(READ_MS),
  });
  const killed = clientFor({ url, graphUrl: `${url}/graph` });
  const recipientOf = new Map<string, string>();
  for (const to of Object.keys(LADDERS)) {
    const res = await killed.sendTemplate(to);
    expect(res.status).toBe(200);
    recipientOf.set(res.body.messages[0].id, to);
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  expect(child.signalCode).toBe('SIGKILL');
  // Whatever reached the receiver before the kill, the later steps were still 60 s away.
  expect(hooks.statuses().every((s) => s.status === 'sent')).toBe(true);

  await boot(dbFile, hooks, { downtimeMs: 150_000 });
  const firstSeen = () => {
    const seen = new Map<string, string[]>();
    for (const s of hooks.statuses()) {
      const list = seen.get(recipientOf.get(s.id)!) ?? [];
      if (!list.includes(s.status)) list.push(s.status);
      seen.set(recipientOf.get(s.id)!, list);
    }
    return Object.fromEntries(seen);
  };
  await waitFor(() => Object.values(firstSeen()).flat().length === Object.values(LADDERS).flat().length, 'every status owed');
  expect(firstSeen()).toEqual(LADDERS);
  expect(hooks.received.every((r) => r.signatureValid)).toBe(true);
  // At least once: only a `sent` in flight at the kill may come twice; the rest were owed, not sent.
  const counts = new Map<string, number>();
  for (const s of hooks.statuses()) counts.set(`${s.id}:${s.status}`, (counts.get(`${s.id}:${s.status}`) ?? 0) + 1);
  for (const [key, n] of counts) if (!key.endsWith(':sent')) expect(n, key).toBe(1);
  const delivered = hooks.statuses().find((s) => s.status === 'delivered')!;
  const sent = hooks.statuses().find((s) => s.id === delivered.id && s.status === 'sent')!;
  expect(Number(delivered.timestamp) - Number(sent.timestamp)).toBe(DELIVERY_MS / 1000);
});
