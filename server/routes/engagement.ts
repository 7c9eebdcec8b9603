/**
 * What customers did with the messages, for the side panel's Insights view:
 * `GET /api/analytics/surveys?from=&to=` — quick-reply answers to feedback templates per template
 * and per agent; `GET /api/analytics/clicks?from=&to=` — tracked-link click-through per template.
 * Agents see figures for their own messages; admins see the team's.
 * @module
 */
import { Hono } from 'hono';
import { AnalyticsRangeQuery } from '../../shared/schemas/engagement';
import type { AppEnv } from '../core/app-env';
import { clickStats } from '../db/clicks-repo';
import { surveyStats } from '../db/surveys-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

const DAY_MS = 24 * 3600_000;

/** Epoch ms, an ISO date (UTC midnight; as `to`, the whole day is included) or an ISO date-time. */
function instant(s: string, end: boolean): number {
  if (/^\d{1,15}$/.test(s)) return Number(s);
  const ms = Date.parse(s);
  return end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? ms + DAY_MS : ms;
}

export function resolveRange(q: AnalyticsRangeQuery, now: number): { from: number; to: number } {
  const to = q.to ? instant(q.to, true) : now + 1;
  const from = q.from ? instant(q.from, false) : to - 30 * DAY_MS;
  return { from, to };
}

export const engagementRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/surveys', validate('query', AnalyticsRangeQuery), (c) => {
      const range = resolveRange(c.req.valid('query'), deps.clock.now());
      if (range.from >= range.to) return fail(c, 'VALIDATION_FAILED', 'The request query is not valid.', [{ path: 'from', message: '`from` must be before `to`.' }]);
      const agent = c.var.agent;
      const templates = surveyStats(deps.db, { ...range, ...(agent.role === 'admin' ? {} : { agentId: agent.id }) });
      return c.json({ ...range, templates }, 200);
    })
    .get('/clicks', validate('query', AnalyticsRangeQuery), (c) => {
      const range = resolveRange(c.req.valid('query'), deps.clock.now());
      if (range.from >= range.to) return fail(c, 'VALIDATION_FAILED', 'The request query is not valid.', [{ path: 'from', message: '`from` must be before `to`.' }]);
      const agent = c.var.agent;
      const templates = clickStats(deps.db, { ...range, ...(agent.role === 'admin' ? {} : { agentId: agent.id }) });
      return c.json({ ...range, templates }, 200);
    });
