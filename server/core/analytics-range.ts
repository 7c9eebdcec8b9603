/**
 * Time for analytics: the `from`/`to` a person types (a date means that whole day in their time
 * zone), and the calendar day a moment falls on in that zone — with `Intl`, so daylight-saving
 * changes land on the right day.
 * @module
 */
export const DAY_MS = 24 * 3600_000;
export const MAX_RANGE_MS = 400 * DAY_MS;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-03-01` for the moment `ms` in `tz`. */
export function dayKey(ms: number, tz: string): string {
  let f = dayFormats.get(tz);
  if (!f) dayFormats.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(ms);
}

/** How far `tz`'s wall clock is ahead of UTC at the moment `ms`. */
function offsetMs(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The UTC moment of midnight starting `day` (`YYYY-MM-DD`) in `tz`. */
export function startOfDay(day: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetMs(guess, tz);
  // Once more at the found moment: the offset can differ across a DST change that night.
  return guess - offsetMs(first, tz);
}

export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Reads a `from`/`to` value; a bare date is the start of that day (`end`: the start of the next). */
export function parseTime(value: string, tz: string, end: boolean): number | null {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A real calendar day only: Date.parse would roll 2026-02-30 over into March.
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return null;
    return startOfDay(end ? nextDay(value) : value, tz);
  }
  const ms = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}

/** Every day from the one holding `from` to the one holding `to - 1`, in `tz`. */
export function daysBetween(from: number, to: number, tz: string): string[] {
  const out: string[] = [];
  if (to <= from) return out;
  const last = dayKey(to - 1, tz);
  for (let day = dayKey(from, tz); out.length <= 400; day = nextDay(day)) {
    out.push(day);
    if (day >= last) break;
  }
  return out;
}
