/**
 * `npx tsx bench/send-cost.ts`: where one send's CPU goes, without HTTP in front and without load
 * noise from concurrency — the server started in this process (sandbox mode, temp folder), then
 * sequential calls, each timed by wall clock and by this process's CPU time:
 *
 * 1. `gate()` alone (consent ledger, template, render, rates);
 * 2. `submitMessage()` with a Graph client that answers at once — Köprü's own work per send
 *    (idempotency, gate, outbox rows and status moves, audit), no Meta round trip;
 * 3. the Graph call alone — our fetch to the sandbox's Graph API in this same process;
 * 4. `submitMessage()` as the server runs it (2 + 3).
 *
 * CPU can exceed wall time: V8's GC helper threads count too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendInput } from '../shared/schemas/message';
import { gate } from '../server/core/gate';
import { submitMessage } from '../server/core/send-message';
import type { Deps } from '../server/deps';
import { loadConfig } from '../server/env';
import { startServer } from '../server/start-server';
import { benchPhone } from './lib/phones';
import { installSendTemplate, SEND_TEMPLATE, sendValues, setSandbox } from './lib/sandbox-setup';
import { seedAgents, seedOptedInContacts } from './lib/seed-db';

const COUNT = Number(process.argv[2] ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'kopru-send-cost-'));
const config = loadConfig({
  PORT: '0',
  KOPRU_DATA_DIR: dataDir,
  KOPRU_LOG_LEVEL: 'warn',
  KOPRU_SENDS_PER_MINUTE: '100000000',
  SANDBOX_THROUGHPUT_PER_SECOND: '1000000',
  SANDBOX_PAIR_RATE: 'off',
  SANDBOX_REVIEW_DELAY_MS: '0',
  SANDBOX_DELIVERY_DELAY_MS: '3600000',
  SANDBOX_READ_DELAY_MS: '3600000',
});
const running = await startServer(config);
try {
  const { db } = running.deps;
  const { agents, admin } = seedAgents(db, 1, Date.now());
  seedOptedInContacts(db, { count: COUNT * 6, agentId: admin.id, now: Date.now(), businessName: config.businessName });
  const sandboxUrl = `${running.url}/sandbox`;
  await setSandbox(sandboxUrl, { faults: false });
  await installSendTemplate(sandboxUrl, running.url, admin.token);
  await setSandbox(sandboxUrl, { webhooksPaused: true });

  const actor = { id: agents[0]!.id, role: 'agent' as const };
  const input = (i: number): SendInput => ({ phone: benchPhone(i), template: { ...SEND_TEMPLATE }, values: sendValues(i) });
  let wamids = 0;
  const instantGraph: Deps = {
    ...running.deps,
    whatsapp: {
      ...running.deps.whatsapp,
      sendTemplate: async (m) => ({ ok: true as const, value: { wamid: `wamid.instant${wamids++}`, waId: m.to.slice(1), input: m.to, messageStatus: 'accepted' } }),
    },
  };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let key = 0;
  const send = async (deps: Deps, i: number) => {
    const r = await submitMessage(deps, actor, `send-cost-${key++}`, input(i));
    if (!r.ok) throw new Error(`refused: ${r.error.code} ${r.error.message}`);
  };
  const measure = async (label: string, count: number, fn: (i: number) => unknown) => {
    const w = performance.now();
    const c = cpuMs();
    for (let i = 0; i < count; i++) await fn(i);
    console.log(`${label.padEnd(58)} wall ${((performance.now() - w) / count).toFixed(3)} ms   CPU ${((cpuMs() - c) / count).toFixed(3)} ms`);
  };

  await measure('(warm-up: submitMessage, instant Graph)', 300, (i) => send(instantGraph, i));
  await measure('gate() alone', COUNT, (i) => gate(running.deps, actor, input(COUNT + i)));
  await measure('submitMessage(), Graph answers at once (Köprü only)', COUNT, (i) => send(instantGraph, 2 * COUNT + i));
  await measure('Graph call alone: fetch → sandbox in this process', COUNT, (i) =>
    running.deps.whatsapp.sendTemplate({
      to: benchPhone(3 * COUNT + i),
      name: SEND_TEMPLATE.name,
      language: SEND_TEMPLATE.language,
      components: [{ type: 'body', parameters: ['a', 'b', 'c'].map((text) => ({ type: 'text', text })) }],
      bizOpaqueCallbackData: 'send-cost',
    }),
  );
  await measure('submitMessage() with the sandbox, as the server runs it', COUNT, (i) => send(running.deps, 4 * COUNT + i));
} finally {
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
}
