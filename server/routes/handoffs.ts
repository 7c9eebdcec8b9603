import { Hono } from 'hono';
import { HandoffInput } from '../../shared/schemas/handoff';
import type { AppEnv } from '../core/app-env';
import { createHandoff } from '../core/handoffs';
import { getHandoff, publicHandoff } from '../db/handoffs-repo';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { fail, failWith, validate } from '../errors';

/**
 * `POST /api/handoffs` — the customer asked to continue on WhatsApp: records the request, sends the
 * hand-off template when possible, and always returns the code + wa.me link + QR as the other way
 * in (`templateSkipped` says why no template went out). `GET /api/handoffs/:id` — its state.
 */
export const handoffsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/', validate('json', HandoffInput), async (c) => {
      const input = c.req.valid('json');
      let phone: string | undefined;
      if (input.phone !== undefined && input.phone.trim() !== '') {
        const parsed = readPhone(input.phone, deps.config.defaultRegion);
        if (!parsed.ok) return failWith(c, parsed.error);
        phone = parsed.e164;
      }
      const agent = c.var.agent;
      const { handoff, templateSkipped } = await createHandoff(deps, { id: agent.id, role: agent.role }, { ...input, phone });
      return c.json({ handoff: publicHandoff(handoff), templateSkipped }, 201);
    })
    .get('/:id', (c) => {
      const handoff = getHandoff(deps.db, c.req.param('id'));
      if (!handoff) return fail(c, 'NOT_FOUND', 'No hand-off has this id.');
      return c.json({ handoff: publicHandoff(handoff) }, 200);
    });
