/**
 * Compliance routes (admin):
 * - `DELETE /api/contacts/{phone}` — erasure on request (core/erasure.ts: what goes, what stays, why);
 * - `GET /api/compliance/retention`, `PUT /api/compliance/retention` `{ messageContentDays }` — how long
 *   message contents are kept (null: until erased); `POST /api/compliance/retention/run` applies it now.
 * (The consent export lives with the ledger: `GET /api/consents/export`.)
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { eraseContact } from '../core/erasure';
import { applyRetention, getRetention, setRetention } from '../core/retention';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { failWith, validate } from '../errors';

export const RetentionBody = z.object({
  /** Days message contents are kept; null keeps them until a customer is erased. */
  messageContentDays: z.number().int().min(1).max(3650).nullable(),
});

/** Mounted at `/api/contacts` next to contacts.ts (which only has `GET /:phone`). */
export const contactErasureRoute = (deps: Deps) =>
  new Hono<AppEnv>().delete('/:phone', requireRole('admin'), (c) => {
    const parsed = readPhone(c.req.param('phone'), deps.config.defaultRegion);
    if (!parsed.ok) return failWith(c, parsed.error);
    const erased = eraseContact(deps, c.var.agent.id, parsed.e164);
    return c.json({ erased }, 200);
  });

export const complianceRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/retention', requireRole('admin'), (c) => c.json({ retention: getRetention(deps) }, 200))
    .put('/retention', requireRole('admin'), validate('json', RetentionBody), (c) => {
      const retention = setRetention(deps, c.var.agent.id, c.req.valid('json').messageContentDays);
      return c.json({ retention, run: applyRetention(deps) }, 200);
    })
    .post('/retention/run', requireRole('admin'), (c) => c.json({ run: applyRetention(deps) }, 200));
