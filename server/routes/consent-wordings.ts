import { Hono } from 'hono';
import * as z from 'zod';
import { ConsentWordingInput } from '../../shared/schemas/consent';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { renderWording } from '../core/consent-ledger';
import { foldings } from '../core/keywords';
import { insertWording, listAllWordings, listCurrentWordings } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

const ListQuery = z.object({ all: z.enum(['true', 'false']).default('false') });

/** Words that tell a customer how to stop, per language (a wording must name at least one). */
const STOP_WORDS = { tr: ['DUR', 'İPTAL', 'ABONELİKTEN ÇIK', 'STOP'], en: ['STOP', 'UNSUBSCRIBE'] } as const;

/**
 * Meta's opt-in rules (reference §6.2): the text must name the business and say the customer is
 * opting in to messages; good practice (and KVKK/GDPR) adds how to stop. Returns what is missing.
 */
function wordingProblems(text: string, language: 'tr' | 'en', businessName: string): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  // Whole words only: "DUR" must be the word, not the start of "durum".
  const words = (s: string) => [...foldings(s)].map((f) => ` ${f.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')} `);
  const folded = words(text);
  const mentions = (phrase: string) => words(phrase).some((w) => folded.some((t) => t.includes(w)));
  if (!text.includes('{business}') && !mentions(businessName)) {
    problems.push({ path: 'text', message: `Name the business: write {business} (shown as "${businessName}") or the name itself.` });
  }
  if (!STOP_WORDS[language].some(mentions)) {
    problems.push({ path: 'text', message: `Tell the customer how to stop, e.g. "reply ${STOP_WORDS[language][0]}".` });
  }
  return problems;
}

/**
 * `GET /api/consent-wordings` — the current opt-in text per language (`?all=true`: every version),
 * with `{business}` filled in. `POST` (admin) adds a new version; old versions stay, because consent
 * records point at them.
 */
export const consentWordingsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', ListQuery), (c) => {
      const list = c.req.valid('query').all === 'true' ? listAllWordings(deps.db) : listCurrentWordings(deps.db);
      return c.json({ wordings: list.map((w) => renderWording(w, deps.config.businessName)) }, 200);
    })
    .post('/', requireRole('admin'), validate('json', ConsentWordingInput), (c) => {
      const input = c.req.valid('json');
      const problems = wordingProblems(input.text, input.language, deps.config.businessName);
      if (problems.length) return fail(c, 'VALIDATION_FAILED', 'This wording would not be a valid opt-in text.', problems);
      const wording = insertWording(deps.db, { language: input.language, text: input.text, now: deps.clock.now() });
      return c.json({ wording: renderWording(wording, deps.config.businessName) }, 201);
    });
