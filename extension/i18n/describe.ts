/**
 * Codes → sentences in the agent's language: API error codes, `renderTemplate` problem codes and
 * Meta's failure codes. The server's English `message` is never shown; a code this build does not
 * know still gets a sentence that names it.
 *
 * @module
 */
import type { RenderProblem } from '../../shared/templates/render-template';
import type { ApiFailure } from '../lib/api-client';
import { hasKey, type Translate } from './translate';

export function describeError(t: Translate, error: { code: ApiFailure['code'] | (string & {}) }): string {
  const key = `error.${error.code}`;
  return hasKey(key) ? t(key) : t('error.unknown', { code: error.code });
}

export function describeProblem(t: Translate, p: { code: RenderProblem['code'] | (string & {}); limit?: number | undefined; actual?: number | undefined }): string {
  const key = `problem.${p.code}`;
  const params = { limit: p.limit ?? '', actual: p.actual ?? '' };
  return hasKey(key) ? t(key, params) : t('problem.unknown', { code: p.code });
}

/** Meta's reason for a failed message (131026, 131047, …), in the agent's language. */
export function describeMetaFailure(t: Translate, code: number | null | undefined, reason?: string | null): string {
  if (code === null || code === undefined) return reason ? t('meta.withReason', { reason }) : t('meta.unknown');
  const key = `meta.${code}`;
  return hasKey(key) ? t(key) : t('meta.other', { code, reason: reason ?? '' });
}
