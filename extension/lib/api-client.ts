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
import type { ErrorCode } from '../../shared/schemas/api-error';
import type { ApiTemplate } from '../../shared/schemas/api-template';
import type { ConsentInput, ConsentRecord, ConsentWording, OptinCode, OptinCodeInput } from '../../shared/schemas/consent';
import type { Contact } from '../../shared/schemas/contact';
import type { Handoff, HandoffInput } from '../../shared/schemas/handoff';
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

export type OptinCodeStatus = { code: string; status: 'pending' | 'confirmed' | 'expired'; phone: string | null };

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

  async function request<T>(method: 'GET' | 'POST', path: string, init: RequestOptions = {}): Promise<ApiResult<T>> {
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
      return { ok: true, value: (await res.json()) as T };
    } catch {
      return { ok: false, error: { code: 'BAD_RESPONSE', message: 'The answer was not JSON', status: res.status } };
    }
  }

  /** Unwraps `{ [key]: value }` answers so callers get the value itself. */
  const field = <T>(result: ApiResult<Record<string, unknown>>, key: string): ApiResult<T> =>
    result.ok ? { ok: true, value: result.value[key] as T } : result;

  const path = (segment: string) => encodeURIComponent(segment);

  return {
    serverUrl: base,
    async me(signal?: AbortSignal) {
      return field<Agent>(await request('GET', '/api/me', signal ? { signal } : {}), 'agent');
    },
    contact(phone: string, signal?: AbortSignal) {
      return request<Contact>('GET', `/api/contacts/${path(phone)}`, signal ? { signal } : {});
    },
    async templates() {
      return field<ApiTemplate[]>(await request('GET', '/api/templates'), 'templates');
    },
    /** The key travels in `Idempotency-Key`: the server sends at most once per key, however often we retry. */
    sendMessage(input: SendInput, idempotencyKey: string) {
      return request<SendResponse>('POST', '/api/messages', { json: input, headers: { 'idempotency-key': idempotencyKey } });
    },
    async message(id: string) {
      return field<Message>(await request('GET', `/api/messages/${path(id)}`), 'message');
    },
    async consentWordings() {
      return field<ConsentWording[]>(await request('GET', '/api/consent-wordings'), 'wordings');
    },
    recordConsent(input: ConsentInput) {
      return request<ConsentRecord>('POST', '/api/consents', { json: input });
    },
    createOptinCode(input: OptinCodeInput) {
      return request<OptinCode>('POST', '/api/optin-codes', { json: input });
    },
    optinCode(code: string) {
      return request<OptinCodeStatus>('GET', `/api/optin-codes/${path(code)}`);
    },
    createHandoff(input: HandoffInput) {
      return request<Handoff>('POST', '/api/handoffs', { json: input });
    },
    handoff(id: string) {
      return request<Handoff>('GET', `/api/handoffs/${path(id)}`);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
