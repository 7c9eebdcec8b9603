/**
 * `GET /api/price?phone=&template=&language=` — what sending would cost now, for the panel's send
 * screen: the template's current category × the customer's country × whether their 24-hour window
 * is open, from the configured rate card. Without `template`: a utility template (what Köprü sends).
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../core/app-env';
import { estimatePrice } from '../core/price-estimate';
import { getTemplate, templateLanguages } from '../db/templates-repo';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { fail, failWith, validate } from '../errors';

export const PriceQuery = z
  .object({
    phone: z.string().trim().min(1).max(40),
    template: z.string().trim().min(1).max(512).optional(),
    language: z.string().trim().min(2).max(15).optional(),
  })
  .refine((q) => (q.template === undefined) === (q.language === undefined), { message: 'give template and language together', path: ['language'] });

export const priceRoute = (deps: Deps) =>
  new Hono<AppEnv>().get('/', validate('query', PriceQuery), (c) => {
    const q = c.req.valid('query');
    const parsed = readPhone(q.phone, deps.config.defaultRegion);
    if (!parsed.ok) return failWith(c, parsed.error);
    let category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION' = 'UTILITY';
    if (q.template && q.language) {
      const stored = getTemplate(deps.db, q.template, q.language);
      if (!stored) {
        return fail(c, 'TEMPLATE_NOT_FOUND', `There is no template "${q.template}" in "${q.language}".`, {
          name: q.template,
          language: q.language,
          languages: templateLanguages(deps.db, q.template),
        });
      }
      category = stored.template.category;
    }
    const estimate = estimatePrice(deps, parsed.e164, category);
    return c.json({ ...estimate, phone: parsed.e164, rateCard: { source: deps.config.rateCard.source ?? null, currency: deps.config.rateCard.currency } }, 200);
  });
