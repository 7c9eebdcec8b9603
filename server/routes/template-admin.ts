/**
 * Template authoring for admins, mounted next to `templates.ts` under `/api/templates` (no path
 * clashes: that file has `GET /` and `POST /sync`):
 * - `POST /api/templates/lint` — `{ category, findings }` for a draft, before it goes to Meta;
 * - `POST /api/templates` — `{ draft, acceptWarnings? }`: lint, submit to Meta, store; `201` with
 *   the stored template (usually PENDING) and the lint result. The review outcome follows live.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { lintTemplate } from '../../shared/templates/lint-template';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { createTemplate } from '../core/template-create';
import type { Deps } from '../deps';
import { errorBody, validate } from '../errors';
import { toApiTemplate } from './templates';

/** Any JSON object: the linter reports what is wrong with it, field by field. */
export const LintBody = z.record(z.string(), z.unknown());

export const CreateTemplateBody = z.object({
  draft: z.record(z.string(), z.unknown()),
  /** Submit even though the linter warned (the wording may make Meta file it as MARKETING). */
  acceptWarnings: z.boolean().default(false),
});

export const templateAdminRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/lint', requireRole('admin'), validate('json', LintBody), (c) => c.json(lintTemplate(c.req.valid('json')), 200))
    .post('/', requireRole('admin'), validate('json', CreateTemplateBody), async (c) => {
      const body = c.req.valid('json');
      const result = await createTemplate(deps, c.var.agent.id, { draft: body.draft, acceptWarnings: body.acceptWarnings });
      if (!result.ok) {
        const e = result.error;
        return c.json(errorBody(e.code, e.message, e.details), e.status);
      }
      return c.json({ template: toApiTemplate(deps, result.value.stored, deps.clock.now()), lint: result.value.lint }, 201);
    });
