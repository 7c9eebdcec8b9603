/**
 * `GET /api/analytics?from=&to=&groupBy=template|agent|day&tz=` — the Insights figures (definitions
 * in shared/schemas/analytics.ts). Agents see their own messages; admins the team, or one agent with
 * `agentId`. Default range: the last 30 days.
 * @module
 */
import { Hono } from 'hono';
import { AnalyticsQuery } from '../../shared/schemas/analytics';
import { buildReport } from '../core/analytics';
import { DAY_MS, isTimeZone, MAX_RANGE_MS, parseTime } from '../core/analytics-range';
import type { AppEnv } from '../core/app-env';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

export const analyticsRoute = (deps: Deps) =>
  new Hono<AppEnv>().get('/', validate('query', AnalyticsQuery), (c) => {
    const q = c.req.valid('query');
    if (!isTimeZone(q.tz)) return fail(c, 'VALIDATION_FAILED', 'Unknown time zone.', [{ path: 'tz', message: 'an IANA time zone such as Europe/Istanbul or UTC' }]);
    const now = deps.clock.now();
    const to = q.to !== undefined ? parseTime(q.to, q.tz, true) : now;
    const from = q.from !== undefined ? parseTime(q.from, q.tz, false) : (to ?? now) - 30 * DAY_MS;
    if (from === null || to === null) return fail(c, 'VALIDATION_FAILED', 'The dates could not be read.', [{ path: from === null ? 'from' : 'to', message: 'not a real date' }]);
    if (to <= from) return fail(c, 'VALIDATION_FAILED', '`to` must be after `from`.', [{ path: 'to', message: 'must be after from' }]);
    if (to - from > MAX_RANGE_MS) return fail(c, 'VALIDATION_FAILED', 'Ask for at most 400 days at a time.', [{ path: 'from', message: 'range too long' }]);
    const agent = c.var.agent;
    if (agent.role !== 'admin' && q.agentId !== undefined && q.agentId !== agent.id) {
      return fail(c, 'FORBIDDEN', 'Agents see their own figures only; an admin sees the team.');
    }
    const agentId = agent.role === 'admin' ? (q.agentId ?? null) : agent.id;
    const report = buildReport(deps, { from, to, tz: q.tz, groupBy: q.groupBy, agentId, scope: agentId === null ? 'team' : 'agent' });
    return c.json(report, 200);
  });
