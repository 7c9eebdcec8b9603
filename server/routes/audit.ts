/**
 * `GET /api/audit` (admin) — the audit log, newest first, filtered by action (or family), actor,
 * customer (`phone`, matched through its keyed hash), target and time; `GET /api/audit/verify`
 * (admin) re-derives its hash chain.
 * @module
 */
import { Hono } from 'hono';
import { AuditQuery } from '../../shared/schemas/audit';
import type { AppEnv } from '../core/app-env';
import { verifyAudit } from '../core/audit';
import { requireRole } from '../core/auth';
import { subjectOf } from '../core/subject-key';
import { iterateAudit, listAudit } from '../db/audit-repo';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { failWith, validate } from '../errors';

export const auditRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', requireRole('admin'), validate('query', AuditQuery), (c) => {
      const q = c.req.valid('query');
      let subject: string | undefined;
      if (q.phone) {
        const parsed = readPhone(q.phone, deps.config.defaultRegion);
        if (!parsed.ok) return failWith(c, parsed.error);
        subject = subjectOf(deps.db, parsed.e164);
      }
      const entries = listAudit(deps.db, {
        ...(q.action ? { action: q.action } : {}),
        ...(q.actorId ? { actorId: q.actorId } : {}),
        ...(subject ? { subject } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(q.before !== undefined ? { before: q.before } : {}),
        limit: q.limit,
      });
      return c.json({ entries, nextBefore: entries.length === q.limit ? entries.at(-1)!.seq : null }, 200);
    })
    .get('/verify', requireRole('admin'), (c) => c.json(verifyAudit(iterateAudit(deps.db)), 200));
