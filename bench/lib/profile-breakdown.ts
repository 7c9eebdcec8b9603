/**
 * Reading a V8 CPU profile of the server: which part of the request path the CPU went to.
 *
 * The server runs compiled (one esbuild bundle, scripts/build-server.mjs); a frame in the bundle is
 * charged to the source file it came from, read from the `// server/…/x.ts` comments esbuild puts
 * where each module starts (`sourcesOfBundles`).
 * Each sample is charged to the first part (in the order of PARTS) found anywhere on its stack, so
 * a sample in SQLite called from the sandbox counts as "sandbox", one in SQLite called from the
 * gate as "gate". SQLite's total share, whoever called it, is reported separately.
 * @module
 */

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Profile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

type Frame = Profile['nodes'][number]['callFrame'];
type Part = { name: string; match: (f: Frame) => boolean };

const inFile = (re: RegExp) => (f: Frame) => re.test(f.url);

export const PARTS: Part[] = [
  { name: 'sandbox (emulated Meta, same process)', match: inFile(/\/server\/sandbox\//) },
  // Only frames of our client: undici also builds the Request objects of @hono/node-server.
  { name: 'Graph client (our fetch to Meta)', match: inFile(/\/server\/whatsapp\/(client|graph-request)\.ts/) },
  { name: 'gate (consent, template, render, rates)', match: inFile(/\/server\/core\/gate\.ts/) },
  {
    name: 'webhook: signature, parse, status update',
    match: inFile(/\/server\/routes\/whatsapp-webhook\.ts|\/server\/core\/(webhook-events|status-ladder|inbound)\.ts|\/server\/whatsapp\/signature\.ts|\/shared\/schemas\/meta-webhook\.ts/),
  },
  { name: 'live events: SSE fan-out', match: (f) => /\/server\/core\/(sse|events)\.ts/.test(f.url) || /hono\/dist\/(helper\/streaming|utils\/stream)/.test(f.url) },
  {
    name: 'contact lookup (contact, consent, messages)',
    match: inFile(/\/server\/routes\/contacts\.ts|\/server\/core\/consent-ledger\.ts|\/server\/db\/(contacts|consents)-repo\.ts/),
  },
  {
    name: 'idempotency + outbox (send bookkeeping, message rows)',
    match: inFile(/\/server\/core\/(send-message|outbox|request-hash|send-rate-limit)\.ts|\/server\/db\/messages-repo\.ts/),
  },
  { name: 'auth (token lookup)', match: (f) => f.functionName === 'findAgentByToken' || f.functionName === 'hashToken' },
  { name: 'request validation (zod)', match: (f) => /zod-validator|node_modules\/zod\//.test(f.url) },
  {
    name: 'HTTP server + routing (node:http, @hono/node-server, hono)',
    match: (f) => /node_modules\/(@hono\/node-server|hono)\//.test(f.url) || /^node:_http|^node:net|^node:internal\/streams/.test(f.url),
  },
  // Node's fetch: the client side of Graph calls after the first await (socket, parser, body) and
  // the WHATWG Request objects @hono/node-server builds for incoming requests.
  { name: 'undici (fetch internals, Request objects)', match: (f) => /undici/.test(f.url) },
  { name: 'other server code', match: inFile(/\/work\/main\/(server|shared)\//) },
  { name: 'garbage collector', match: (f) => f.functionName === '(garbage collector)' },
  { name: 'idle', match: (f) => f.functionName === '(idle)' },
];

const mapped = new WeakSet<Profile>();

/**
 * Rewrites frames of a bundled `.mjs` to their source file (`<root>/server/core/outbox.ts`), using
 * esbuild's module comments; line numbers stay the bundle's. Idempotent; files that cannot be read
 * are left as they are.
 */
export function sourcesOfBundles(profile: Profile): void {
  if (mapped.has(profile)) return;
  mapped.add(profile);
  const bundles = new Map<string, { root: string; starts: Array<{ line: number; file: string }> } | null>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    if (!f.url.endsWith('.mjs') || f.url.includes('node_modules')) continue;
    let b = bundles.get(f.url);
    if (b === undefined) {
      b = null;
      try {
        const path = fileURLToPath(f.url);
        const starts = readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((text, line) => (/^\/\/ ((?:server|shared)\/\S+\.ts)$/.exec(text) ? [{ line, file: text.slice(3) }] : []));
        // The bundle lives in <root>/.output/<name>/: sources are relative to <root>.
        if (starts.length) b = { root: resolve(dirname(path), '..', '..'), starts };
      } catch {
        b = null;
      }
      bundles.set(f.url, b);
    }
    if (!b) continue;
    let file: string | undefined;
    for (const s of b.starts) {
      if (s.line > f.lineNumber) break;
      file = s.file;
    }
    if (file) f.url = pathToFileURL(resolve(b.root, file)).href;
  }
}

export type Breakdown = { totalMs: number; busyMs: number; parts: Array<{ name: string; ms: number }>; sqliteMs: number };

function walk(profile: Profile, window: { startUs: number; endUs: number } | undefined, visit: (stack: Frame[], leafId: number, us: number) => void) {
  sourcesOfBundles(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, Frame[]>();
  const stackOf = (id: number) => {
    let s = stacks.get(id);
    if (!s) {
      s = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) s.push(byId.get(cur)!.callFrame);
      stacks.set(id, s);
    }
    return s;
  };
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (window && (t < window.startUs || t > window.endUs)) return;
    visit(stackOf(id), id, dt);
  });
}

export function breakdown(profile: Profile, window?: { startUs: number; endUs: number }): Breakdown {
  const parts = new Map<string, number>(PARTS.map((p) => [p.name, 0]));
  parts.set('other (node internals, startup)', 0);
  let total = 0;
  let sqlite = 0;
  walk(profile, window, (stack, _leaf, us) => {
    total += us;
    const part = PARTS.find((p) => stack.some(p.match))?.name ?? 'other (node internals, startup)';
    parts.set(part, parts.get(part)! + us);
    if (stack.some((f) => f.url.includes('better-sqlite3'))) sqlite += us;
  });
  const idle = parts.get('idle') ?? 0;
  return {
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    parts: [...parts].map(([name, us]) => ({ name, ms: us / 1000 })).filter((p) => p.ms > 0).sort((a, b) => b.ms - a.ms),
    sqliteMs: sqlite / 1000,
  };
}

/** Parts as percentages of the busy (non-idle) time, one line each. */
export function formatBreakdown(b: Breakdown, indent = '    '): string {
  const pct = (ms: number) => `${((100 * ms) / b.busyMs).toFixed(1).padStart(5)}%`;
  return [
    ...b.parts.filter((p) => p.name !== 'idle').map((p) => `${indent}${pct(p.ms)}  ${p.name}`),
    `${indent}(SQLite via better-sqlite3, whoever called it: ${pct(b.sqliteMs)} of busy time; idle ${((100 * (b.totalMs - b.busyMs)) / b.totalMs).toFixed(1)}% of the window)`,
  ].join('\n');
}

export function summariseProfile(profile: Profile, opts: { top: number; window?: { startUs: number; endUs: number } }): string {
  const out: string[] = [];
  const b = breakdown(profile, opts.window);
  out.push(`${(b.totalMs / 1000).toFixed(1)} s sampled${opts.window ? ' in the window' : ''}, ${(b.busyMs / 1000).toFixed(1)} s busy`);
  out.push('\nBusy time by part of the request path:');
  out.push(formatBreakdown(b, '  '));

  const area = (f: Frame) => {
    if (!f.url) return f.functionName.startsWith('(') ? f.functionName : `(native) ${f.functionName || 'anonymous'}`;
    const ours = /\/work\/main\/((?:server|shared|bench)\/[a-z-]+)/.exec(f.url);
    if (ours) return ours[1]!;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
    if (pkg) return `npm:${pkg[1]}`;
    return f.url.startsWith('node:') ? `node:${f.url.slice(5).split('/')[0]}` : f.url;
  };
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  walk(profile, opts.window, (stack, _leaf, us) => {
    const f = stack[0]!;
    areas.set(area(f), (areas.get(area(f)) ?? 0) + us);
    const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  });
  const pct = (us: number) => `${((100 * us) / (b.totalMs * 1000)).toFixed(1).padStart(5)}%`;
  out.push('\nSelf time by area:');
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 20)) out.push(`  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${a}`);
  out.push(`\nTop ${opts.top} functions by self time:`);
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, opts.top)) out.push(`  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${f}`);
  return out.join('\n');
}
