import { createApiClient, isServerUrl, normaliseServerUrl, type Agent, type ApiFailure } from '../../lib/api-client';
import type { Result } from '../../../shared/result';

export type ConnectProblem = ApiFailure | { code: 'INVALID_URL' | 'TOKEN_MISSING'; message: string; status: 0 };

/** The connect check: a well-formed http(s) URL, a token, then `GET /api/me` answering 200. */
export async function checkConnection(
  serverUrl: string,
  token: string,
  fetchImpl?: typeof fetch,
): Promise<Result<{ agent: Agent; serverUrl: string; token: string }, ConnectProblem>> {
  if (!isServerUrl(serverUrl)) return { ok: false, error: { code: 'INVALID_URL', message: 'not an http(s) URL', status: 0 } };
  const cleanToken = token.trim();
  if (!cleanToken) return { ok: false, error: { code: 'TOKEN_MISSING', message: 'no token', status: 0 } };
  const url = normaliseServerUrl(serverUrl);
  const api = createApiClient({ serverUrl: url, token: cleanToken, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const result = await api.me();
  return result.ok ? { ok: true, value: { agent: result.value, serverUrl: url, token: cleanToken } } : result;
}
