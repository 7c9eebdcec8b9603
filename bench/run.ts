/**
 * `npm run bench` (and `npm run bench -- --quick`): the real server in sandbox mode on 127.0.0.1,
 * driven by autocannon; see bench/README.md for what each figure means and how it is measured.
 *
 * Options: `--quick` (small data, short runs, < 60 s), `--keep` (keep the data folder), `--fresh`
 * (seed again instead of copying the cached seeded database, see bench/lib/seed-cache.ts),
 * `--cpu-prof` (write a V8 CPU profile of the server to the data folder; implies `--keep`),
 * `--only=send,webhook,lookup,panel` (run a subset), `--sandbox=process|in-process` (where the
 * emulated Meta runs; default `process`, see bench/README.md), `--server-flags="…"` (extra node
 * flags for the server, for tuning experiments; printed with the figures).
 *
 * Progress goes to stderr; details, the table and — as the last line — the JSON figures to stdout.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAIR_RATE } from '../server/core/send-rate-limit';
import { SANDBOX } from '../server/env';
import { openDb } from '../server/db/open-db';
import { buildExtension } from './lib/build-extension';
import type { LoadResult } from './lib/load';
import { breakdown, formatBreakdown, type Profile } from './lib/profile-breakdown';
import { lookupHttp, lookupInProcess } from './lib/lookup-bench';
import { measurePanelRender } from './lib/panel-render';
import { panelJsSize } from './lib/panel-size';
import { noiseFloor } from './lib/noise-floor';
import { FULL, QUICK } from './lib/profiles';
import { fmt, jsonLine, table, type Figures } from './lib/report';
import { installSendTemplate, setSandbox } from './lib/sandbox-setup';
import { seededDatabase } from './lib/seed-cache';
import { seedAgents, seedTemplates } from './lib/seed-db';
import { recipientPool, sendAtRate, sendFlatOut } from './lib/send-bench';
import { freePort, startSandboxProcess, startServerProcess, type SandboxProcess, type ServerProcess } from './lib/server-process';
import { STATUSES_PER_POST, webhookBench } from './lib/webhook-bench';

const args = process.argv.slice(2);
const profile = args.includes('--quick') ? QUICK : FULL;
const cpuProf = args.includes('--cpu-prof');
const keep = args.includes('--keep') || cpuProf;
const fresh = args.includes('--fresh');
const sandboxArg = args.find((a) => a.startsWith('--sandbox='))?.slice(10) ?? 'process';
if (sandboxArg !== 'process' && sandboxArg !== 'in-process') throw new Error(`--sandbox=${sandboxArg}: use process or in-process`);
/** `process`: Meta's stand-in in its own process, the server in live mode against it (production layout). */
const separateSandbox = sandboxArg === 'process';
const serverFlags = (args.find((a) => a.startsWith('--server-flags='))?.slice(15) ?? '').split(' ').filter(Boolean);
const only = new Set((args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'send,webhook,lookup,panel').split(','));

const started = performance.now();
const progress = (msg: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);
const details: string[] = [];
const detail = (line: string) => details.push(line);
const loadLine = (name: string, r: LoadResult) =>
  `  ${name}: ${fmt(r.okPerSecond, 0)} ok/s over ${fmt(r.seconds, 1)} s (${r.ok} ok, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts); ` +
  `latency p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, max ${fmt(r.max, 1)} ms (autocannon p99 ${r.autocannonP99} ms); ` +
  `server CPU ${fmt(r.serverCpuMsPerRequest, 2)} ms/request, ${fmt(r.serverCpuCores * 100, 0)}% of a core` +
  (r.sampleErrors.length ? `\n    first non-2xx: ${r.sampleErrors.slice(0, 2).join(' | ')}` : '');

/** Bench stage windows on CLOCK_MONOTONIC (µs), to cut the server's CPU profile by stage. */
const windows: Array<{ name: string; startUs: number; endUs: number }> = [];
const monoUs = () => Number(process.hrtime.bigint() / 1000n);
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const startUs = monoUs();
  try {
    return await fn();
  } finally {
    windows.push({ name, startUs, endUs: monoUs() });
  }
}

const figures: Figures = {
  sendsPerSecond: null,
  sendP99MsAt1000: null,
  webhookEventsPerSecond: null,
  lookupP99Ms: null,
  panelJsGzipKb: null,
  panelFirstRenderMs: null,
  serverRssMb: null,
};

const rssTrail: string[] = [];
const noteRss = (when: string) => {
  if (server) rssTrail.push(`${when} ${fmt(server.rssMb(), 0)}`);
};

async function stage(name: string, fn: () => Promise<void>) {
  if (!only.has(name)) return;
  progress(`${name}…`);
  try {
    await fn();
    noteRss(`after ${name}`);
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    detail(`${name}: FAILED — ${message.split('\n').slice(0, 6).join('\n    ')}`);
    progress(`${name} failed: ${message.split('\n')[0]}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'kopru-bench-'));
const dbFile = join(dataDir, 'kopru.sqlite');
let server: ServerProcess | null = null;
let sandboxProcess: SandboxProcess | null = null;

/** Which code was measured: the commit, and whether server/, shared/ or extension/ had uncommitted changes. */
function codeVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared', 'extension'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in ${dirty.split('\n').length} files` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

try {
  detail(`Code: ${codeVersion()}`);
  if (serverFlags.length) detail(`Server started with extra node flags: ${serverFlags.join(' ')}`);
  detail(`Profile: ${profile.name}; ${profile.contacts.toLocaleString('en-US')} opted-in contacts, ${profile.agents} agents, ${profile.templates} templates; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // 1. Seed before the server starts (the server's own openDb applies its migrations first).
  progress(`seeding ${profile.contacts.toLocaleString('en-US')} contacts with consent…`);
  const seeded = seededDatabase(dbFile, {
    contacts: profile.contacts,
    fresh,
    businessName: 'Köprü Demo Mağazası',
    onProgress: (done) => {
      if (done % 200_000 === 0 || done === profile.contacts) progress(`  ${done.toLocaleString('en-US')} contacts`);
    },
  });
  const db = openDb(dbFile);
  const { agents, admin } = seedAgents(db, profile.agents, Date.now());
  db.close();
  detail(
    `Seeding: ${fmt(seeded.seconds, 1)} s (${seeded.fromCache ? 'copied from the seed cache — --fresh to rebuild' : 'direct SQLite writes, see bench/lib/seed-db.ts; now cached'})`,
  );

  // 2. The real server, as a child process; the emulated Meta in its own process (default) or inside it.
  const sandboxEnv = {
    // High enough that neither our per-agent limit nor the sandbox's Meta throughput cap is what is measured.
    SANDBOX_THROUGHPUT_PER_SECOND: '1000000',
    SANDBOX_PAIR_RATE: 'off',
    // The template approval is forced through the control API; statuses are sent by the bench itself.
    SANDBOX_REVIEW_DELAY_MS: '0',
    SANDBOX_DELIVERY_DELAY_MS: '3600000',
    SANDBOX_READ_DELAY_MS: '3600000',
  };
  const serverPort = await freePort();
  let liveEnv: Record<string, string> = {};
  if (separateSandbox) {
    sandboxProcess = await startSandboxProcess({
      env: {
        ...sandboxEnv,
        SANDBOX_DB_FILE: join(dataDir, 'meta-sandbox.sqlite'),
        SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${serverPort}/webhooks/whatsapp`,
        SANDBOX_APP_SECRET: SANDBOX.appSecret,
      },
    });
    progress(`sandbox (emulated Meta) pid ${sandboxProcess.pid} at ${sandboxProcess.url}`);
    // Live mode, exactly as against graph.facebook.com, with the sandbox's identities.
    liveEnv = {
      WHATSAPP_GRAPH_URL: `${sandboxProcess.url}/graph`,
      WHATSAPP_ACCESS_TOKEN: SANDBOX.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: SANDBOX.phoneNumberId,
      WHATSAPP_WABA_ID: SANDBOX.wabaId,
      WHATSAPP_APP_SECRET: SANDBOX.appSecret,
      WHATSAPP_VERIFY_TOKEN: SANDBOX.verifyToken,
      WHATSAPP_BUSINESS_NUMBER: SANDBOX.businessNumber,
    };
  }
  detail(
    separateSandbox
      ? `Layout: the server in live mode, its Graph client pointed at the sandbox (emulated Meta) running as a separate process (pid ${sandboxProcess!.pid}) — the production topology; the server's CPU and RSS are its own (--sandbox=in-process for the other layout)`
      : 'Layout: the server in sandbox mode, the emulated Meta inside the server process (its CPU and memory count as the server\'s; --sandbox=process for the production topology)',
  );
  server = await startServerProcess({
    dataDir,
    port: serverPort,
    env: { KOPRU_SENDS_PER_MINUTE: '100000000', ...(separateSandbox ? liveEnv : sandboxEnv) },
    nodeFlags: [...serverFlags, ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(dataDir, 'cpu-prof')}`] : [])],
    ready: separateSandbox ? 'health' : 'sandbox-banner',
  });
  progress(`server pid ${server.pid} at ${server.url}`);
  const url = server.url;
  const target = { url, pid: server.pid };
  const sandboxUrl = sandboxProcess?.url ?? `${url}/sandbox`;
  await setSandbox(sandboxUrl, { faults: false, webhooksPaused: false });
  await installSendTemplate(sandboxUrl, url, admin.token).catch((e: unknown) => {
    detail(`Template install FAILED (sends will fail): ${e instanceof Error ? e.message : String(e)}`);
  });
  {
    const db2 = openDb(dbFile);
    seedTemplates(db2, profile.templates, Date.now());
    db2.close();
  }
  noteRss('after setup');
  // The sandbox's own status webhooks for the bench's sends are held back: the webhook benchmark
  // sends those statuses itself, at full speed, and measures them on their own.
  await setSandbox(sandboxUrl, { webhooksPaused: true });
  const agentTokens = agents.map((a) => a.token);
  const pool = recipientPool(0, profile.contacts);

  await stage('send', async () => {
    const s = profile.send;
    detail(
      `Send path (POST /api/messages → gate → outbox → sandbox Graph → 202), a new Idempotency-Key and a new opted-in recipient per request ` +
        `(Köprü's per-recipient pair rate — ${PAIR_RATE.burst} in a burst, then 1 per ${PAIR_RATE.intervalMs / 1000} s — so never applies), tokens of ${profile.agents} agents in turn:`,
    );
    let best = 0;
    let bestCpuMs = NaN;
    for (const c of s.flatOutConnections) {
      const r = await timed(`send-flat-${c}`, () => sendFlatOut(target, agentTokens, pool, c, s.flatOutSeconds));
      detail(loadLine(`flat out, ${c} connections`, r));
      if (r.okPerSecond > best) {
        best = r.okPerSecond;
        bestCpuMs = r.serverCpuMsPerRequest;
      }
    }
    figures.sendsPerSecond = best;
    detail(
      `  server CPU per send (best run): ${fmt(bestCpuMs, 2)} ms → one core fully given to the server would carry about ${fmt(1000 / bestCpuMs, 0)} sends/s ` +
        `(throughput above is lower when other processes share the 2 cores)`,
    );
    const r = await timed('send-rate', () => sendAtRate(target, agentTokens, pool, s.rate, s.rateConnections, s.rateSeconds));
    detail(loadLine(`${s.rate}/s offered over ${s.rateConnections} connections`, r));
    figures.sendP99MsAt1000 = r.p99;
    detail(`  recipients used: ${pool.used().toLocaleString('en-US')}`);
  });

  await stage('webhook', async () => {
    const r = await timed('webhook', () =>
      webhookBench({ target, dbFile, panelTokens: agentTokens, connections: profile.webhook.connections, maxMessages: profile.webhook.maxMessages }),
    );
    figures.webhookEventsPerSecond = r.eventsPerSecond;
    const perPanel = r.panels.perPanel;
    detail(
      `Webhook ingestion: ${r.posts.toLocaleString('en-US')} signed POSTs × ${STATUSES_PER_POST} statuses (${r.statuses.toLocaleString('en-US')} statuses for ${r.messages.toLocaleString('en-US')} messages: sent, delivered, read), ${profile.webhook.connections} connections, ${perPanel.length} SSE panels:`,
    );
    detail(loadLine('POST /webhooks/whatsapp', r.load));
    detail(
      `  panels received ${r.panels.statusEvents.toLocaleString('en-US')} status events (per panel ${Math.min(...perPanel)}–${Math.max(...perPanel)}); ` +
        `${fmt(r.eventsPerSecond, 0)} events/s first POST → last event; ${fmt(r.statusesPerSecondHttp, 0)} statuses/s at HTTP level; ` +
        `${r.storedStatuses.toLocaleString('en-US')} status rows stored (expected ${r.statuses.toLocaleString('en-US')})`,
    );
    const cpuPerStatus = r.load.serverCpuMsPerRequest / STATUSES_PER_POST;
    detail(`  server CPU per status: ${fmt(cpuPerStatus, 3)} ms → about ${fmt(1000 / cpuPerStatus, 0)} statuses/s on one core fully given to the server`);
  });

  await stage('lookup', async () => {
    const l = profile.lookup;
    const token = agentTokens[0]!;
    const latency = await timed('lookup-1', () => lookupHttp(target, token, profile.contacts, 1, l.latencySeconds));
    figures.lookupP99Ms = latency.p99;
    const tput = await timed(`lookup-${l.throughputConnections}`, () => lookupHttp(target, token, profile.contacts, l.throughputConnections, l.throughputSeconds));
    const inproc = lookupInProcess(dbFile, profile.contacts, l.inProcessSamples);
    const floor = await noiseFloor(Math.min(3, l.latencySeconds));
    detail(`Contact + consent lookup among ${profile.contacts.toLocaleString('en-US')} contacts (random contact per request):`);
    detail(loadLine('HTTP, 1 connection', latency));
    detail(loadLine(`HTTP, ${l.throughputConnections} connections`, tput));
    detail(
      `  in process (the route's getContactRow + consentState + listMessagesForPhone on a read-only connection): ` +
        `p50 ${fmt(inproc.p50, 3)} ms, p99 ${fmt(inproc.p99, 3)} ms over ${inproc.samples.toLocaleString('en-US')} lookups (${inproc.found} opted in)`,
    );
    detail(loadLine('noise floor — bare node:http, same tool, 1 connection', floor));
  });

  if (server) {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
    figures.serverRssMb = server.rssMb();
    detail(`Server memory after the load: VmRSS ${fmt(figures.serverRssMb, 1)} MB (peak VmHWM ${fmt(hwm, 1)} MB); VmRSS along the way (MB): ${rssTrail.join(', ')}`);
  }

  await stage('panel', async () => {
    const built = await buildExtension({ reuseIfFresh: profile.panel.reuseBuild });
    detail(`Side panel (${built.built ? `built in ${fmt(built.seconds, 1)} s` : 'previous bench build reused: sources unchanged'}, ${built.dir}):`);
    const render = await measurePanelRender({ extDir: built.dir, serverUrl: url, token: agentTokens[0]!, loads: profile.panel.loads });
    const size = panelJsSize(built.dir, render.loadedJs);
    // The list's data on its own: what GET /api/templates costs the server and weighs on the wire.
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const res = await fetch(`${url}/api/templates`, { headers: { authorization: `Bearer ${agentTokens[0]}` } });
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    figures.panelJsGzipKb = size.gzipBytes / 1024;
    figures.panelFirstRenderMs = render.medianMs;
    detail(
      `  JS loaded by sidepanel.html: ${size.files.map((f) => `${f.file} ${fmt(f.bytes / 1024, 1)} KB → ${fmt(f.gzipBytes / 1024, 1)} KB gz`).join(', ')}` +
        (size.lazy.length ? `; lazy (not loaded at open): ${size.lazy.map((f) => `${f.file} ${fmt(f.gzipBytes / 1024, 1)} KB gz`).join(', ')}` : ''),
    );
    detail(
      `  first render (template list painted, ms since navigation start — see bench/lib/panel-render.ts): cold ${fmt(render.coldMs, 1)}, median of ${render.samples.length} ${fmt(render.medianMs, 1)}; ` +
        `samples ${render.samples.map((s) => fmt(s.paintedMs, 1)).join(', ')}; ${render.samples[0]!.items} template items in the DOM at first render`,
    );
    detail(`  GET /api/templates alone (from the bench, 10 times): median ${fmt(times[4], 1)} ms, ${fmt(bytes / 1024, 0)} KB of JSON (not compressed)`);
    for (const [i, s] of render.samples.entries()) {
      detail(
        `    load ${i + 1}: DOMContentLoaded ${fmt(s.domContentLoadedMs, 1)}, app's first DOM ${fmt(s.firstDomMs, 1)}, ` +
          s.api.map((a) => `${a.path} ${fmt(a.startMs, 1)}→${fmt(a.endMs, 1)}`).join(', ') +
          `, list rendered ${fmt(s.commitMs, 1)} (${s.source === 'cache' ? 'the list saved at the last opening' : s.source === 'server' ? "the server's list" : s.source}), painted ${fmt(s.paintedMs, 1)} ms` +
          (s.frameMs !== null && s.frameMs !== s.paintedMs ? ` (next frame + task ${fmt(s.frameMs, 1)})` : '') +
          (s.serverListMs !== null && s.source !== 'server' ? `; the server's list rendered at ${fmt(s.serverListMs, 1)} ms` : ''),
      );
    }
  });
} finally {
  await sandboxProcess?.stop();
  if (server) {
    await server.stop();
    if (cpuProf) {
      const dir = join(dataDir, 'cpu-prof');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'stages.json'), JSON.stringify(windows, null, 2));
      // The main thread's profile is the largest file (tsx's loader thread writes a small one too).
      const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
      const main = files.map((f) => join(dir, f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
      if (main) {
        const prof = JSON.parse(readFileSync(main, 'utf8')) as Profile;
        detail(`Server CPU by part of the request path, per stage (profile ${main}; more: npx tsx bench/profile-summary.ts <file> --stage=<name>):`);
        for (const w of windows) detail(`  ${w.name}:\n${formatBreakdown(breakdown(prof, w))}`);
      }
    }
  }
  if (keep) detail(`Data folder kept: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}

progress(`done in ${fmt((performance.now() - started) / 1000, 1)} s`);
detail(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores; other processes on the machine share them)`);
console.log(details.join('\n'));
console.log('');
console.log(table(figures));
console.log(jsonLine(figures));
