/**
 * One autocannon run (programmatic API, in this process), with exact latencies.
 *
 * autocannon's own latency histogram stores whole milliseconds, too coarse for a "p99 < 1 ms"
 * target, so every response's `responseTime` (a float in ms, measured by autocannon from writing
 * the request to reading the whole response) is also kept from its `response` event and the
 * percentiles are computed from those. autocannon's own p99 is reported next to it; at a fixed
 * `overallRate` it is corrected for coordinated omission, the raw figure is not.
 * @module
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { cpuSeconds } from './server-process';

export type LoadResult = {
  /** Wall seconds from the first request to the end of the run (autocannon's `duration`). */
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second over the run. */
  okPerSecond: number;
  /** Exact latency of 2xx responses, ms. */
  p50: number;
  p99: number;
  max: number;
  /** autocannon's own (integer-ms) p99 of 2xx responses. */
  autocannonP99: number;
  /**
   * Server CPU (user + system, all its threads) per answered request, ms, and as a share of one
   * core over the run — robust to other processes on the machine, unlike throughput.
   */
  serverCpuMsPerRequest: number;
  serverCpuCores: number;
  /** Bodies of the first few non-2xx responses, for the report. */
  sampleErrors: string[];
  raw: Result;
};

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The server under load: where to send requests and which process to charge the CPU to. */
export type Target = { url: string; pid: number };

export async function runLoad(target: Target, opts: Omit<Options, 'url'>): Promise<LoadResult> {
  const serverPid = target.pid;
  const latencies: number[] = [];
  const sampleErrors: string[] = [];
  // Capture the first error bodies without slowing the run down: wrap onResponse of each request.
  const requests = opts.requests?.map((r) => ({
    ...r,
    onResponse: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => {
      if ((status < 200 || status > 299) && sampleErrors.length < 5) sampleErrors.push(`${status} ${body.slice(0, 300)}`);
      r.onResponse?.(status, body, context, headers);
    },
  }));
  const instance = autocannon({ timeout: 30, ...opts, url: target.url, ...(requests ? { requests } : {}) });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTime);
  });
  const cpu0 = cpuSeconds(serverPid);
  const raw = await instance;
  const cpu = cpuSeconds(serverPid) - cpu0;
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes = Object.fromEntries(Object.entries(raw.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    seconds: raw.duration,
    ok: raw['2xx'],
    non2xx: raw.non2xx,
    errors: raw.errors,
    timeouts: raw.timeouts,
    statusCodes,
    okPerSecond: raw['2xx'] / raw.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    autocannonP99: raw.latency.p99,
    serverCpuMsPerRequest: (cpu * 1000) / Math.max(1, raw['2xx'] + raw.non2xx),
    serverCpuCores: cpu / raw.duration,
    sampleErrors,
    raw,
  };
}
