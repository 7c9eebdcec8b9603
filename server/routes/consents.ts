import { Hono } from 'hono';
import * as z from 'zod';
import { AgentConsentMethod, ConsentInput } from '../../shared/schemas/consent';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { verifyChain } from '../core/consent-hash';
import { recordConsent, wordingEvidence } from '../core/consent-ledger';
import { appendAudit } from '../core/audit';
import { exportConsents, toCsv } from '../core/consent-export';
import { iterateConsents } from '../db/consents-repo';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { fail, failWith, validate } from '../errors';

/** Opt-ins an agent records by hand must point at the exact text the customer heard or read. */
const NEEDS_WORDING = new Set(['in_person', 'phone_call']);

export const ExportQuery = z.object({
  /** One customer's records (any human format); omitted: the whole ledger, in pages. */
  phone: z.string().trim().min(1).max(40).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

/**
 * `POST /api/consents` (an agent records consent they captured), `GET /api/consents/verify` (admin:
 * re-derives the hash chain) and `GET /api/consents/export` (admin: one customer or the whole ledger in
 * pages, as JSON or CSV, with wording text, İYS fields and the chain proof — for audits).
 */
export const consentsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/', validate('json', ConsentInput), (c) => {
      const input = c.req.valid('json');
      const parsed = readPhone(input.phone, deps.config.defaultRegion);
      if (!parsed.ok) return failWith(c, parsed.error);
      if (!AgentConsentMethod.safeParse(input.method).success) {
        return fail(c, 'VALIDATION_FAILED', 'This consent method is recorded by the server from evidence, not by hand.', [
          { path: 'method', message: `Agents may record: ${AgentConsentMethod.options.join(', ')}.` },
        ]);
      }
      if (input.action === 'opt_in' && NEEDS_WORDING.has(input.method) && !input.wordingId) {
        return fail(c, 'VALIDATION_FAILED', 'Say which consent wording the customer agreed to.', [
          { path: 'wordingId', message: 'Required for an opt-in given in person or on the phone.' },
        ]);
      }
      const wording = input.wordingId ? wordingEvidence(deps.db, input.wordingId, deps.config.businessName) : null;
      if (input.wordingId && !wording) {
        return fail(c, 'VALIDATION_FAILED', 'Unknown consent wording.', [{ path: 'wordingId', message: 'No consent wording has this id.' }]);
      }
      const consent = recordConsent(deps, {
        phone: parsed.e164,
        action: input.action,
        method: input.method,
        ...(input.topics ? { topics: input.topics } : {}),
        ...(input.wordingId ? { wordingId: input.wordingId } : {}),
        agentId: c.var.agent.id,
        ...(input.ticket ? { ticket: input.ticket } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(wording ? { evidence: { wording } } : {}),
      });
      return c.json({ consent }, 201);
    })
    .get('/verify', requireRole('admin'), (c) => c.json(verifyChain(iterateConsents(deps.db)), 200))
    .get('/export', requireRole('admin'), validate('query', ExportQuery), (c) => {
      // Wording text, agent, ticket, evidence, İYS fields and the chain proof: core/consent-export.ts.
      const q = c.req.valid('query');
      let phone: string | null = null;
      if (q.phone) {
        const parsed = readPhone(q.phone, deps.config.defaultRegion);
        if (!parsed.ok) return failWith(c, parsed.error);
        phone = parsed.e164;
      }
      const now = deps.clock.now();
      const exported = exportConsents(deps.db, deps.config.businessName, now, { phone, after: q.after, limit: q.limit });
      appendAudit(deps.db, {
        action: 'consent.export',
        actor: { id: c.var.agent.id, kind: 'admin' },
        at: now,
        ...(phone ? { phone } : {}),
        target: phone ? 'consents:customer' : 'consents:ledger',
        details: { format: q.format, after: q.after, count: exported.consents.length },
      });
      if (q.format === 'json') return c.json(exported, 200);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="consents-${phone ? 'customer' : 'ledger'}-${new Date(now).toISOString().slice(0, 10)}.csv"`);
      c.header('X-Chain-Ok', String(exported.chain.ok));
      c.header('X-Chain-Count', String(exported.chain.count));
      if (exported.chain.ok) c.header('X-Chain-Head', exported.chain.headHash);
      else c.header('X-Chain-Broken-At', String(exported.chain.brokenAt));
      if (exported.nextAfter !== null) c.header('X-Next-After', String(exported.nextAfter));
      return c.body(toCsv(exported.consents), 200);
    });
