/**
 * Runs sandbox work when it falls due on the (virtual) clock.
 *
 * Each job has a due time in clock milliseconds. A real timer sleeps until the next job is due but
 * never longer than `maxTickMs`, and `runDue()` is also called right after the virtual clock jumps,
 * so "advance 3 h" unpauses a template immediately rather than on some later tick.
 *
 * @module
 */
import type { Clock } from './virtual-clock';

export type Scheduler = {
  /** Schedules `run` at clock time `dueAt`. A job with the same key replaces the earlier one. */
  at(dueAt: number, run: () => void, key?: string): string;
  cancel(key: string): void;
  has(key: string): boolean;
  /** Runs every job whose time has come, in due order (jobs scheduled while running included). */
  runDue(): void;
  pending(): number;
  close(): void;
};

type Job = { key: string; dueAt: number; seq: number; run: () => void };

export function createScheduler(opts: {
  clock: Clock;
  maxTickMs?: number;
  onError?: (err: unknown, key: string) => void;
}): Scheduler {
  const { clock } = opts;
  const maxTickMs = opts.maxTickMs ?? 200;
  const jobs = new Map<string, Job>();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let closed = false;

  // Min-heap on (dueAt, seq). Cancelled or replaced jobs stay in the heap and are skipped lazily:
  // an entry is live only while `jobs` still maps its key to that very entry.
  const heap: Job[] = [];
  const before = (a: Job, b: Job) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const push = (job: Job) => {
    heap.push(job);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const pop = () => {
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      swap(i, m);
      i = m;
    }
  };
  const nextJob = (): Job | undefined => {
    while (heap.length > 0 && jobs.get(heap[0]!.key) !== heap[0]) pop();
    return heap[0];
  };

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed || running) return;
    const next = nextJob();
    if (!next) return;
    const delay = Math.min(Math.max(next.dueAt - clock.now(), 0), maxTickMs);
    timer = setTimeout(runDue, delay);
    timer.unref?.();
  };

  function runDue() {
    if (closed || running) return;
    running = true;
    try {
      for (;;) {
        const job = nextJob();
        if (!job || job.dueAt > clock.now() || closed) break;
        jobs.delete(job.key);
        try {
          job.run();
        } catch (err) {
          opts.onError?.(err, job.key);
        }
      }
    } finally {
      running = false;
      arm();
    }
  }

  return {
    at(dueAt, run, key) {
      const k = key ?? `job-${seq + 1}`;
      const job: Job = { key: k, dueAt, seq: ++seq, run };
      jobs.set(k, job);
      push(job);
      arm();
      return k;
    },
    cancel(key) {
      jobs.delete(key);
      arm();
    },
    has: (key) => jobs.has(key),
    runDue,
    pending: () => jobs.size,
    close() {
      closed = true;
      jobs.clear();
      heap.length = 0;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
