/**
 * The panel's only way to the Köprü server: a small typed `fetch` wrapper over the `/api` routes.
 *
 * Why not `hc<AppType>`: the response types here come from the shared schemas (type-only imports,
 * so no zod reaches the panel bundle — tooling pitfall 7), and every failure is folded into one
 * `ApiFailure` carrying the server envelope's `code`, which is what the UI translates. Network
 * failures get the client-only code `NETWORK`; a reply that is not Köprü's envelope gets
 * `BAD_RESPONSE` (e.g. a proxy's 502 page).
 *
 * @module
 */
import type { Alert } from '../../shared/schemas/alert';
import type { AnalyticsGroupBy, AnalyticsReport, PriceAnswer } from '../../shared/schemas/analytics';
import type { ErrorCode } from '../../shared/schemas/api-error';
import type { ApiTemplate } from '../../shared/schemas/api-template';
import type { ConsentInput, ConsentRecord, ConsentWording, OptinCode, OptinCodeInput } from '../../shared/schemas/consent';
import type { Contact } from '../../shared/schemas/contact';
import type { Handoff, HandoffInput } from '../../shared/schemas/handoff';
import type { LintResult } from '../../shared/schemas/lint';
import type { Message, SendInput } from '../../shared/schemas/message';
import type { Result } from '../../shared/result';

export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export type ApiFailure = {
  code: ClientErrorCode;
  /** The server's English message, for logs; the UI translates `code` instead. */
  message: string;
  /** HTTP status, 0 when the server could not be reached. */
  status: number;
  details?: unknown;
  /** From `Retry-After` on 429/503, when the server sends it. */
  retryAfterMs?: number;
};

export type ApiResult<T> = Result<T, ApiFailure>;

export type Agent = { id: string; name: string; role: 'admin' | 'agent'; createdAt: number };

/** `GET /api/optin-codes/:code` (the fields the panel reads). */
export type OptinCodeStatus = { code: string; status: 'pending' | 'confirmed' | 'expired'; phone: string | null; confirmedAt: number | null };

export type SendResponse = { message: Message; replayed: boolean };

export type ApiClientOptions = {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
};

/** `http://host:8787/` → `http://host:8787`; anything that is not http(s) is refused by the caller. */
export function normaliseServerUrl(input: string): string {
  return input.trim().replace(/\/+$/, '');
}

export function isServerUrl(input: string): boolean {
  try {
    const url = new URL(normaliseServerUrl(input));
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function retryAfter(res: Response): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Reads Köprü's `{ error: { code, message, details } }`; anything else is BAD_RESPONSE. */
async function failureFrom(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  const error = isObject(body) && isObject(body.error) ? body.error : null;
  const ms = retryAfter(res);
  const extra = ms === undefined ? {} : { retryAfterMs: ms };
  if (error && typeof error.code === 'string') {
    return {
      code: error.code as ErrorCode,
      message: typeof error.message === 'string' ? error.message : error.code,
      status: res.status,
      ...(error.details === undefined ? {} : { details: error.details }),
      ...extra,
    };
  }
  return { code: 'BAD_RESPONSE', message: `HTTP ${res.status} without an error envelope`, status: res.status, ...extra };
}

type RequestOptions = { json?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export function createApiClient(options: ApiClientOptions) {
  const base = normaliseServerUrl(options.serverUrl);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(method: 'GET' | 'POST', path: string, init: RequestOptions = {}): Promise<ApiResult<{ body: T; headers: Headers }>> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json', ...init.headers };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (cause) {
      return { ok: false, error: { code: 'NETWORK', message: String(cause), status: 0 } };
    }
    if (!res.ok) return { ok: false, error: await failureFrom(res) };
    try {
      return { ok: true, value: { body: (await res.json()) as T, headers: res.headers } };
    } catch {
      return { ok: false, error: { code: 'BAD_RESPONSE', message: 'The answer was not JSON', status: res.status } };
    }
  }

  /** Most answers wrap their object (`{ contact }`, `{ message }`); callers get the object itself. */
  async function get<T>(path: string, key: string | null, init: RequestOptions = {}): Promise<ApiResult<T>> {
    return unwrap<T>(await request<Record<string, unknown>>('GET', path, init), key);
  }
  async function post<T>(path: string, key: string | null, init: RequestOptions): Promise<ApiResult<T>> {
    return unwrap<T>(await request<Record<string, unknown>>('POST', path, init), key);
  }
  function unwrap<T>(result: ApiResult<{ body: Record<string, unknown>; headers: Headers }>, key: string | null): ApiResult<T> {
    if (!result.ok) return result;
    const value = key === null ? result.value.body : result.value.body?.[key];
    if (value === undefined || value === null) {
      return { ok: false, error: { code: 'BAD_RESPONSE', message: `The answer has no "${key}"`, status: 200 } };
    }
    return { ok: true, value: value as T };
  }

  const path = (segment: string) => encodeURIComponent(segment);

  return {
    serverUrl: base,
    me: (signal?: AbortSignal) => get<Agent>('/api/me', 'agent', signal ? { signal } : {}),
    contact: (phone: string, signal?: AbortSignal) => get<Contact>(`/api/contacts/${path(phone)}`, 'contact', signal ? { signal } : {}),
    templates: () => get<ApiTemplate[]>('/api/templates', 'templates'),
    /**
     * The key travels in `Idempotency-Key`: the server sends at most once per key, however often we
     * retry. A replay answers like the first time, flagged with `Idempotent-Replayed: true`.
     */
    async sendMessage(input: SendInput, idempotencyKey: string): Promise<ApiResult<SendResponse>> {
      const result = await request<{ message?: Message }>('POST', '/api/messages', { json: input, headers: { 'idempotency-key': idempotencyKey } });
      if (!result.ok) return result;
      const message = result.value.body?.message;
      if (!message) return { ok: false, error: { code: 'BAD_RESPONSE', message: 'The answer has no "message"', status: 202 } };
      return { ok: true, value: { message, replayed: result.value.headers.get('idempotent-replayed') === 'true' } };
    },
    message: (id: string) => get<Message>(`/api/messages/${path(id)}`, 'message'),
    consentWordings: () => get<ConsentWording[]>('/api/consent-wordings', 'wordings'),
    recordConsent: (input: ConsentInput) => post<ConsentRecord>('/api/consents', 'consent', { json: input }),
    createOptinCode: (input: OptinCodeInput) => post<OptinCode>('/api/optin-codes', null, { json: input }),
    optinCode: (code: string) => get<OptinCodeStatus>(`/api/optin-codes/${path(code)}`, null),
    createHandoff: (input: HandoffInput) => post<Handoff>('/api/handoffs', 'handoff', { json: input }),
    handoff: (id: string) => get<Handoff>(`/api/handoffs/${path(id)}`, 'handoff'),
    // Insights, template health and authoring (issue 6).
    analytics: (q: { from: string; to: string; groupBy: AnalyticsGroupBy; tz: string }, signal?: AbortSignal) =>
      get<AnalyticsReport>(`/api/analytics?${new URLSearchParams(q).toString()}`, null, signal ? { signal } : {}),
    price: (q: { phone: string; template?: string; language?: string }, signal?: AbortSignal) =>
      get<PriceAnswer>(`/api/price?${new URLSearchParams(q as Record<string, string>).toString()}`, null, signal ? { signal } : {}),
    alerts: () => get<Alert[]>('/api/alerts?active=true', 'alerts'),
    dismissAlert: (id: string) => post<Alert>(`/api/alerts/${path(id)}/dismiss`, 'alert', { json: {} }),
    allTemplates: () => get<ApiTemplate[]>('/api/templates?status=all', 'templates'),
    lintTemplate: (draft: unknown, signal?: AbortSignal) => post<LintResult>('/api/templates/lint', null, { json: draft, ...(signal ? { signal } : {}) }),
    createTemplate: (draft: unknown, acceptWarnings: boolean) =>
      post<{ template: ApiTemplate; lint: LintResult }>('/api/templates', null, { json: { draft, acceptWarnings } }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
