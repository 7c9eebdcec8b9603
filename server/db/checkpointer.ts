/**
 * WAL checkpoints on a worker thread instead of inside a request's commit.
 *
 * With SQLite's default, every commit that takes the WAL past 1,000 pages copies the log into the
 * database file and fsyncs both, on the event loop, in the middle of whichever request committed.
 * Measured on the send path (about 20 WAL pages per send): a checkpoint every ~45 sends, ~40% of
 * the time spent committing, and a stall of several ms for every request in flight at that moment.
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints (they never block readers
 * or the writer) every `intervalMs`, and again at once while it is catching up. A log that is
 * written to without pause is never fully copied at the moment a new transaction starts, so it
 * would never be restarted from its beginning: the main connection still checkpoints itself every
 * `mainPages` pages (SQLite's own automatic checkpoint, 1,000 by default) — by then the worker has
 * copied nearly all of it, so that checkpoint copies a few pages, and the log starts over. If the
 * worker fails, SQLite's default comes back. Durability is unchanged: commits go to the WAL exactly
 * as before (synchronous=NORMAL); only the copying into the main file moves.
 * @module
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/logger';
import type { DB } from './open-db';

export type CheckpointerOptions = { intervalMs: number; mainPages: number };

export const DEFAULT_CHECKPOINTER: CheckpointerOptions = { intervalMs: 50, mainPages: 4000 };

/** SQLite's own default for `wal_autocheckpoint`, restored when the worker stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export type Checkpointer = { stop(): Promise<void> };

// Plain CommonJS evaluated as the worker's script: it works the same under tsx, vitest and a bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
let stopped = false;
let timer = null;
const pass = () => {
  timer = null;
  if (stopped) return;
  let again = false;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Frames written while this pass ran: go again now, so the log can be restarted soon.
    again = r && r.busy === 0 && r.log > 0 && r.checkpointed < r.log;
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  timer = setTimeout(pass, again ? 0 : workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
pass();
`;

/** Starts the worker for `file` (the file `db` has open). In-memory databases need none. */
export function startCheckpointer(db: DB, file: string, log: Logger, options: Partial<CheckpointerOptions> = {}): Checkpointer {
  if (file === ':memory:' || db.memory) return { stop: async () => undefined };
  const opts = { ...DEFAULT_CHECKPOINTER, ...options };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs: opts.intervalMs } });
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${opts.mainPages}`);
  let reported = false;
  const fallBack = (reason: string) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    if (!reported) log.warn('background WAL checkpoints stopped; the database checkpoints on commit again', { reason });
    reported = true;
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) log.warn('background WAL checkpoint failed', { error: m.error });
  });
  worker.on('error', (error) => fallBack(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping = false;
  void exited.then(() => {
    if (!stopping) fallBack('worker exited');
  });
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      await worker.terminate();
    },
  };
}
