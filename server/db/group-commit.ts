/**
 * Group commit: the write transactions of requests that arrive together share one COMMIT.
 *
 * A commit is the expensive part of a small transaction here (measured on the send path: ~0.2–0.3
 * ms each, most of it writing ~15 WAL pages — the row, its indexes, the audit chain — of which
 * many are the same pages again for every request). `groupCommit(db, fn)` queues `fn`; on the
 * next turn of the event loop (`setImmediate`, i.e. after the I/O callbacks that arrived together)
 * every queued function runs, in order, each in its own SAVEPOINT inside one IMMEDIATE
 * transaction, which then commits once.
 *
 * What stays as it was:
 * - Each function is still atomic and runs synchronously with nothing interleaved: its own
 *   reads see everything written before it, in this batch too (one connection). A function that
 *   throws is rolled back to its savepoint alone; the others commit.
 * - The promise settles only after the COMMIT: a caller that then calls Graph, answers 202 or
 *   publishes an event does so for data that is on disk (as durable as any commit under
 *   synchronous=NORMAL). If the COMMIT fails, every function of the batch rejects.
 * @module
 */
import type { DB } from './open-db';

type Job = { fn: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const queues = new WeakMap<DB, Job[]>();

/** better-sqlite3 builds four wrapper functions per `db.transaction(fn)`: made once per database, not per flush. */
type Runners = { all: (jobs: Job[]) => unknown[]; one: (fn: () => unknown) => unknown };
const runners = new WeakMap<DB, Runners>();

function runnersFor(db: DB): Runners {
  let r = runners.get(db);
  if (!r) {
    const all = db.transaction((jobs: Job[]) => jobs.map((job) => job.fn()));
    const one = db.transaction((fn: () => unknown) => fn());
    runners.set(db, (r = { all: (jobs) => all.immediate(jobs), one: (fn) => one.immediate(fn) }));
  }
  return r;
}

export function groupCommit<T>(db: DB, fn: () => T): Promise<T> {
  let queue = queues.get(db);
  if (!queue) {
    queue = [];
    queues.set(db, queue);
    setImmediate(() => flush(db));
  }
  return new Promise<T>((resolve, reject) => queue.push({ fn, resolve: resolve as (value: unknown) => void, reject }));
}

function flush(db: DB): void {
  const jobs = queues.get(db) ?? [];
  queues.delete(db);
  if (jobs.length === 0) return;
  let run: Runners;
  try {
    run = runnersFor(db);
  } catch (error) {
    // The database is closed (shutdown): nothing can be written.
    for (const job of jobs) job.reject(error);
    return;
  }
  if (jobs.length > 1) {
    // Optimistic: all of them in one transaction, no savepoints (a savepoint journals every page
    // it touches first, which cost as much as the commit saved). Should one throw, the whole
    // batch is rolled back and each function runs again in a transaction of its own.
    let values: unknown[] | null = null;
    try {
      values = run.all(jobs);
    } catch {
      values = null;
    }
    if (values) {
      jobs.forEach((job, i) => job.resolve(values[i]));
      return;
    }
  }
  for (const job of jobs) {
    let value: unknown;
    try {
      value = run.one(job.fn);
    } catch (error) {
      job.reject(error);
      continue;
    }
    job.resolve(value);
  }
}
