import { Hono } from 'hono';
import { OptinCodeInput } from '../../shared/schemas/consent';
import type { AppEnv } from '../core/app-env';
import { createOptinCode, optinCodeStatus } from '../core/optin-codes';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { fail, failWith, validate } from '../errors';

/**
 * `POST /api/optin-codes` → `{ code, waMeLink, qrSvg, expiresAt }` for the customer to send from
 * WhatsApp; `GET /api/optin-codes/:code` → whether it has been confirmed, and by which number.
 */
export const optinCodesRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/', validate('json', OptinCodeInput), async (c) => {
      const input = c.req.valid('json');
      let phone: string | undefined;
      if (input.phone !== undefined && input.phone.trim() !== '') {
        const parsed = readPhone(input.phone, deps.config.defaultRegion);
        if (!parsed.ok) return failWith(c, parsed.error);
        phone = parsed.e164;
      }
      const created = await createOptinCode(deps, c.var.agent.id, {
        ...(phone ? { phone } : {}),
        ...(input.topics ? { topics: input.topics } : {}),
        ...(input.wordingId ? { wordingId: input.wordingId } : {}),
        ...(input.language ? { language: input.language } : {}),
        ...(input.ticket ? { ticket: input.ticket } : {}),
      });
      if (!created.ok) return fail(c, created.error.code, created.error.message, created.error.details);
      return c.json(created.value, 201);
    })
    .get('/:code', (c) => {
      const status = optinCodeStatus(deps, c.req.param('code').trim().toUpperCase());
      if (!status) return fail(c, 'NOT_FOUND', 'No opt-in code like this exists.');
      return c.json(status, 200);
    });
