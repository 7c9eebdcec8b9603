/**
 * `GET /api/alerts` — template health alerts, newest first (`?active=false` includes closed ones).
 * Every agent may read them: a paused template matters to whoever is about to send it.
 * `POST /api/alerts/:id/dismiss` (admin) closes one by hand.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { AlertsQuery } from '../../shared/schemas/alert';
import type { AppEnv } from '../core/app-env';
import { dismissAlert } from '../core/alerts';
import { requireRole } from '../core/auth';
import { getAlert, listAlerts } from '../db/alerts-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

export const AlertIdParam = z.object({ id: z.string().regex(/^alr_[0-9a-f-]{36}$/, 'an alert id') });

export const alertsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', AlertsQuery), (c) => {
      const q = c.req.valid('query');
      const alerts = listAlerts(deps.db, { activeOnly: q.active === 'true', ...(q.since !== undefined ? { since: q.since } : {}), limit: q.limit });
      return c.json({ alerts }, 200);
    })
    .post('/:id/dismiss', requireRole('admin'), validate('param', AlertIdParam), (c) => {
      const { id } = c.req.valid('param');
      const existing = getAlert(deps.db, id);
      if (!existing) return fail(c, 'NOT_FOUND', 'There is no alert with this id.');
      const closed = dismissAlert(deps, id, c.var.agent.id);
      return c.json({ alert: closed ?? existing }, 200);
    });
