/**
 * The bench's output: a table of figures against the targets, details per benchmark, and as the
 * very last line one JSON object with exactly the seven keys the issue names.
 * @module
 */

export type Figures = {
  sendsPerSecond: number | null;
  sendP99MsAt1000: number | null;
  webhookEventsPerSecond: number | null;
  lookupP99Ms: number | null;
  panelJsGzipKb: number | null;
  panelFirstRenderMs: number | null;
  serverRssMb: number | null;
};

type Target = { label: string; unit: string; op: '>=' | '<'; value: number; digits: number };

export const TARGETS: Record<keyof Figures, Target> = {
  sendsPerSecond: { label: 'Sends/s, sustained (POST /api/messages)', unit: '/s', op: '>=', value: 2000, digits: 0 },
  sendP99MsAt1000: { label: 'Send p99 at 1,000 sends/s offered', unit: 'ms', op: '<', value: 20, digits: 2 },
  webhookEventsPerSecond: { label: 'Webhook status events/s (50 panels)', unit: '/s', op: '>=', value: 10_000, digits: 0 },
  lookupP99Ms: { label: 'Contact lookup p99 (GET /api/contacts/:phone)', unit: 'ms', op: '<', value: 1, digits: 3 },
  panelJsGzipKb: { label: 'Side panel JS, gzipped', unit: 'KB', op: '<', value: 150, digits: 1 },
  panelFirstRenderMs: { label: 'Panel first render, 500 templates', unit: 'ms', op: '<', value: 150, digits: 1 },
  serverRssMb: { label: 'Server RSS at the end', unit: 'MB', op: '<', value: 150, digits: 1 },
};

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padL = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function verdict(key: keyof Figures, value: number | null): 'met' | 'MISSED' | 'n/a' {
  if (value === null || Number.isNaN(value)) return 'n/a';
  const t = TARGETS[key];
  return (t.op === '>=' ? value >= t.value : value < t.value) ? 'met' : 'MISSED';
}

export function table(figures: Figures): string {
  const rows = (Object.keys(TARGETS) as Array<keyof Figures>).map((key) => {
    const t = TARGETS[key];
    return [t.label, `${fmt(figures[key], t.digits)} ${t.unit}`, `${t.op === '>=' ? '≥' : '<'} ${fmt(t.value, 0)} ${t.unit}`, verdict(key, figures[key])];
  });
  const head = ['Measure', 'Figure', 'Target', 'Result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 1 || i === 2 ? padL(c, widths[i]!) : pad(c, widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Rounded for the JSON line (the table shows the same values). */
export function jsonLine(figures: Figures): string {
  const round = (v: number | null, digits: number) => (v === null || Number.isNaN(v) ? null : Number(v.toFixed(digits)));
  const out: Record<string, number | null> = {};
  for (const key of Object.keys(TARGETS) as Array<keyof Figures>) out[key] = round(figures[key], Math.max(TARGETS[key].digits, 1));
  return JSON.stringify(out);
}
