import { Hono } from 'hono';
import * as z from 'zod';
import { AgentConsentMethod, ConsentInput } from '../../shared/schemas/consent';
import { parsePhone } from '../../shared/phone/parse-phone';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { verifyChain } from '../core/consent-hash';
import { recordConsent, wordingEvidence } from '../core/consent-ledger';
import { iterateConsents, listConsentsAfter } from '../db/consents-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

/** Opt-ins an agent records by hand must point at the exact text the customer heard or read. */
const NEEDS_WORDING = new Set(['in_person', 'phone_call']);

const ExportQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/**
 * `POST /api/consents` (an agent records consent they captured), `GET /api/consents/verify` (admin:
 * re-derives the hash chain) and `GET /api/consents/export` (admin: the ledger in pages, for audits).
 */
export const consentsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/', validate('json', ConsentInput), (c) => {
      const input = c.req.valid('json');
      const parsed = parsePhone(input.phone, deps.config.defaultRegion);
      if (!parsed.ok) return fail(c, 'INVALID_PHONE', parsed.problem.message, { phone: parsed.problem });
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
      const { after, limit } = c.req.valid('query');
      const consents = listConsentsAfter(deps.db, after, limit);
      return c.json({ consents, nextAfter: consents.length === limit ? consents.at(-1)!.seq : null }, 200);
    });
