/**
 * Pure helpers behind the Insights view: the period asked for, the funnel and trend a chart draws,
 * and how durations, shares and money read. No React, no fetch — unit-tested on their own.
 *
 * @module
 */
import type { AnalyticsGroup, Figures } from '../../../shared/schemas/analytics';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

const dayIn = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** The last `days` calendar days in `timeZone`, today included, as the API's `from`/`to` dates. */
export function periodRange(days: number, now: number, timeZone: string): { from: string; to: string } {
  const to = dayIn(now, timeZone);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y, m - 1, d - (days - 1))).toISOString().slice(0, 10);
  return { from, to };
}

export type FunnelStep = { key: 'sent' | 'delivered' | 'read' | 'replied'; value: number; share: number };

/** Sent → delivered → read → replied, each as a share of sent (0 when nothing was sent). */
export function funnelSteps(f: Pick<Figures, 'sent' | 'delivered' | 'read' | 'replied'>): FunnelStep[] {
  return (['sent', 'delivered', 'read', 'replied'] as const).map((key) => ({ key, value: f[key], share: f.sent ? f[key] / f.sent : 0 }));
}

export type TrendPoint = { day: string; sent: number; delivered: number; failed: number };

export function trendPoints(groups: readonly AnalyticsGroup[]): { points: TrendPoint[]; max: number } {
  const points = groups.map((g) => ({ day: g.key, sent: g.figures.sent, delivered: g.figures.delivered, failed: g.figures.failed }));
  return { points, max: Math.max(1, ...points.map((p) => Math.max(p.sent, p.failed))) };
}

/** `67%`; an em dash when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** `850 ms`, `4 s`, `3 min`, `2 h 5 min` — the unit a person would use. */
export function formatDuration(ms: number | null, lang: 'tr' | 'en'): string {
  if (ms === null) return '—';
  const units = lang === 'tr' ? { ms: 'ms', s: 'sn', min: 'dk', h: 'sa' } : { ms: 'ms', s: 's', min: 'min', h: 'h' };
  if (ms < 1000) return `${Math.round(ms)} ${units.ms}`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} ${units.s}`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} ${units.min}`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} ${units.h} ${min % 60} ${units.min}` : `${h} ${units.h}`;
}

/** Per-message prices are fractions of a cent: up to four decimals. */
export function formatUsd(amount: number, lang: 'tr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'tr' ? 'tr-TR' : 'en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 })
    .format(amount)
    .replace(/\u00a0/g, ' ');
}
