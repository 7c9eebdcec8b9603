/**
 * One HTTP call to the Graph API → parsed JSON or a `WhatsAppError`. Owns the parts every
 * operation shares: the bearer header, the timeout, Meta's error envelope (§4.1), throttling
 * hints, and keeping the access token out of every error.
 *
 * @module
 */
import type { Result } from '../../shared/result';
import { WhatsAppError } from './errors';
import type { GraphFetch } from './http-transport';

export type GraphRequest = {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
};

export type GraphTransport = {
  accessToken: string;
  /** `createHttpFetch()` in the server; the global `fetch` (or a test's fake) works too. */
  fetch: GraphFetch;
  timeoutMs: number;
};

/** Network failures that happen before a single byte reaches Meta: safe to retry without doubt. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}

type Envelope = {
  message?: unknown; type?: unknown; code?: unknown; error_subcode?: unknown; fbtrace_id?: unknown;
  error_data?: { details?: unknown } | unknown;
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Retry-After (seconds or an HTTP date), else the longest `estimated_time_to_regain_access` (minutes). */
export function retryAfterFromHeaders(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const usage = headers.get('x-business-use-case-usage');
  if (!usage) return undefined;
  try {
    const minutes = Object.values(JSON.parse(usage) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>)
      .flat()
      .map((entry) => entry.estimated_time_to_regain_access ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

function graphError(envelope: Envelope, httpStatus: number, headers: { get(name: string): string | null }, token: string): WhatsAppError {
  const code = num(envelope.code) ?? null;
  const details = envelope.error_data && typeof envelope.error_data === 'object' ? str((envelope.error_data as { details?: unknown }).details) : undefined;
  const subcode = num(envelope.error_subcode);
  const fbtraceId = str(envelope.fbtrace_id);
  const type = str(envelope.type);
  const retryAfterMs = retryAfterFromHeaders(headers);
  return new WhatsAppError({
    kind: 'graph',
    message: redact(str(envelope.message) ?? `Graph API error ${code ?? httpStatus}`, token),
    code,
    httpStatus,
    ...(details === undefined ? {} : { details: redact(details, token) }),
    ...(subcode === undefined ? {} : { subcode }),
    ...(fbtraceId === undefined ? {} : { fbtraceId }),
    ...(type === undefined ? {} : { type }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    // 504: a gateway gave up waiting for Meta, which may still have acted on the request.
    uncertain: code === null && httpStatus === 504,
  });
}

function networkError(cause: unknown, token: string): WhatsAppError {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const sysCode = typeof inner?.code === 'string' ? inner.code : (cause as { code?: unknown })?.code;
  const reason = typeof inner?.message === 'string' ? inner.message : cause instanceof Error ? cause.message : String(cause);
  return new WhatsAppError({
    kind: 'network',
    message: redact(`Could not reach the WhatsApp Graph API: ${reason}`, token),
    uncertain: !(typeof sysCode === 'string' && NOT_SENT_CODES.has(sysCode)),
  });
}

/** Performs the call; resolves to the parsed 2xx JSON body or a `WhatsAppError`, never throws. */
export async function graphRequest(transport: GraphTransport, request: GraphRequest): Promise<Result<unknown, WhatsAppError>> {
  const { accessToken: token } = transport;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, transport.timeoutMs);
  });
  const timeoutError = () =>
    new WhatsAppError({ kind: 'timeout', message: `The Graph API did not answer within ${transport.timeoutMs} ms.`, uncertain: true });

  try {
    const call = (async () => {
      const response = await transport.fetch(request.url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
      return { response, text: await response.text() };
    })();
    // Racing as well as aborting: a fetch that ignores its signal still cannot hang a send.
    const outcome = await Promise.race([call, timedOut]).catch((cause: unknown) => ({ cause }));
    if (outcome === 'timeout') {
      call.catch(() => undefined);
      return { ok: false, error: timeoutError() };
    }
    if ('cause' in outcome) {
      return { ok: false, error: controller.signal.aborted ? timeoutError() : networkError(outcome.cause, token) };
    }

    const { response, text } = outcome;
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = json && typeof json === 'object' ? (json as { error?: unknown }).error : undefined;
    if (envelope && typeof envelope === 'object') {
      return { ok: false, error: graphError(envelope as Envelope, response.status, response.headers, token) };
    }
    if (!response.ok) {
      const retryAfterMs = retryAfterFromHeaders(response.headers);
      return {
        ok: false,
        error: new WhatsAppError({
          kind: 'bad_response',
          message: `The Graph API answered HTTP ${response.status} without an error body.`,
          httpStatus: response.status,
          uncertain: response.status === 504,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        }),
      };
    }
    if (json === undefined) {
      return {
        ok: false,
        error: new WhatsAppError({ kind: 'bad_response', message: 'The Graph API answered with a body that is not JSON.', httpStatus: response.status, uncertain: request.method !== 'GET' }),
      };
    }
    return { ok: true, value: json };
  } finally {
    clearTimeout(timer);
  }
}
