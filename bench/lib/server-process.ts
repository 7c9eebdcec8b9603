/**
 * The real Köprü server as a child process, run the way `npm start` runs it — compiled by
 * scripts/build-server.mjs and started with plain `node` — on 127.0.0.1 with its own data folder — in sandbox mode (the
 * emulated Meta inside the server) or in live mode pointed at a sandbox running as a process of its
 * own (`startSandboxProcess`), the production layout. The bench talks to both only over HTTP (and
 * reads the server's SQLite file / its /proc entry from outside).
 * @module
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export type ServerProcess = {
  url: string;
  pid: number;
  /** Resident set size of the server process now, in MB (VmRSS from /proc/<pid>/status). */
  rssMb(): number;
  /** The last lines the server wrote to stdout/stderr (for error messages). */
  output(): string;
  /** SIGTERM (the server closes cleanly; a CPU profile is written then), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

export type ServerOptions = {
  dataDir: string;
  env: Record<string, string>;
  /** Extra flags for node, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  nodeFlags?: string[];
  /** Default: a free one. */
  port?: number;
  /** The compiled server (`buildServerBundle()`); built now when not given. */
  entry?: string;
  /**
   * `sandbox-banner`: wait for the sandbox-mode banner (printed after the start-up template sync);
   * `health`: live mode prints no banner, /health answering is enough (its start-up sync runs in the
   * background and the bench syncs through the API before it seeds templates).
   */
  ready?: 'sandbox-banner' | 'health';
};

/** A free loopback port (bound and released at once; nothing else on this machine races for it in practice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Where the bench's build of the server goes (inside the project, so node_modules resolve; not npm start's .output/server). */
export const BENCH_SERVER_DIR = '.output/bench-server';

/** Compiles the server exactly as `npm start` does (scripts/build-server.mjs); returns the entry file. */
export function buildServerBundle(outDir = BENCH_SERVER_DIR): string {
  return execFileSync(process.execPath, ['scripts/build-server.mjs', outDir], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
}

export async function startServerProcess(opts: ServerOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const entry = opts.entry ?? buildServerBundle();
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeFlags ?? []), entry], {
    env: {
      // Only what the server needs: no credentials from the parent's environment (sandbox mode).
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      KOPRU_DATA_DIR: opts.dataDir,
      KOPRU_LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  // Ready = the sandbox-mode banner of server/index.ts is out. It is printed after startServer()
  // resolved, i.e. after the start-up template sync: rows seeded into the templates table before
  // that could be marked DELETED by the sync (Meta does not list them). /health alone answers earlier.
  let banner = opts.ready === 'health';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('is running in sandbox mode')) banner = true;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${tail}`);
    if (banner) {
      const res = await fetch(`${url}/health`).catch(() => null);
      if (res?.ok) break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not print its start banner and answer /health within 30 s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    pid: child.pid!,
    rssMb: () => readRssMb(child.pid!),
    output: () => tail,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU seconds (user + system, all threads) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) — utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

export type SandboxProcess = {
  /** The mount point, e.g. `http://127.0.0.1:41234/sandbox`. */
  url: string;
  pid: number;
  stop(graceMs?: number): Promise<void>;
};

/** The emulated Meta as a process of its own (server/sandbox/sandbox-process.ts), on loopback. */
export async function startSandboxProcess(opts: { env: Record<string, string>; nodeFlags?: string[] }): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', 'tsx', 'server/sandbox/sandbox-process.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not start within 30 s:\n${tail}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-8000);
      const m = /sandbox listening at (\S+)/.exec(tail);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code} before it was ready:\n${tail}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
