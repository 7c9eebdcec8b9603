/**
 * Records every agent action that reaches a route: each non-GET `/api` request that passed
 * authentication and the role check — method, route pattern, status — as an `api.request` audit
 * entry. Refused callers (401/403) are not recorded: a request that was not let in changes nothing,
 * not even the log (the access tests fingerprint the database around such requests).
 *
 * The route is the pattern Hono matched (`/api/contacts/:phone`), never the path as sent, and a
 * `:phone` parameter is stored only as its keyed hash: the log must not hold personal data.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { parsePhone } from '../../shared/phone/parse-phone';
import { groupCommit } from '../db/group-commit';
import type { Deps } from '../deps';
import type { AppEnv } from './app-env';
import { agentActor, appendAudit } from './audit';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function auditRequests(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>): MiddlewareHandler<AppEnv> {
  return async function auditRequestsMiddleware(c, next) {
    await next();
    if (READS.has(c.req.method) || c.res.status === 401 || c.res.status === 403) return;
    const agent = c.var.agent;
    if (!agent) return;
    try {
      const route = routePath(c, -1);
      const rawPhone = route.includes(':phone') ? c.req.param('phone') : undefined;
      const phone = rawPhone ? parsePhone(rawPhone, deps.config.defaultRegion) : null;
      const at = deps.clock.now();
      const target = `${c.req.method} ${route}`;
      const details = { method: c.req.method, route, status: c.res.status };
      // Committed with the other writes of this turn (group-commit.ts); the answer waits for it.
      await groupCommit(deps.db, () =>
        appendAudit(deps.db, { action: 'api.request', actor: agentActor(deps.db, agent.id), at, ...(phone?.ok ? { phone: phone.e164 } : {}), target, details }),
      );
    } catch (error) {
      // The action itself has happened; a failed log write must not turn it into an error answer.
      deps.log.error('audit entry for a request could not be written', { error });
    }
  };
}
