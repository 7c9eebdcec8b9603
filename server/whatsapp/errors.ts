/**
 * Everything that can go wrong talking to Meta, as one typed error, plus the retry policy from
 * the reference's error table (§4.4).
 *
 * Two flags drive the outbox:
 * - `retryable`: Meta (or the network) says trying again later can work.
 * - `uncertain`: the request may have reached Meta and been acted on — a timeout, a connection
 *   dropped after sending, a 504 or an unreadable 2xx. The send endpoint has no idempotency key
 *   (§7.3), so an uncertain send must be reconciled through status webhooks, not blindly retried.
 *
 * @module
 */

export type WhatsAppErrorKind = 'graph' | 'timeout' | 'network' | 'bad_response';

export type WhatsAppErrorInit = {
  message: string;
  kind: WhatsAppErrorKind;
  code?: number | null;
  httpStatus?: number | null;
  details?: string;
  subcode?: number;
  fbtraceId?: string;
  /** Meta's `type`, e.g. `OAuthException`. */
  type?: string;
  /** Server-sent hint (Retry-After / X-Business-Use-Case-Usage), in ms. */
  retryAfterMs?: number;
  uncertain?: boolean;
};

export class WhatsAppError extends Error {
  override readonly name = 'WhatsAppError';
  readonly kind: WhatsAppErrorKind;
  /** Meta's numeric `error.code`; null when there was no Graph error body. */
  readonly code: number | null;
  readonly httpStatus: number | null;
  /** `error.error_data.details` — the precise reason; branch on this with `code`, never on `message`. */
  readonly details?: string;
  readonly subcode?: number;
  readonly fbtraceId?: string;
  readonly type?: string;
  readonly retryable: boolean;
  readonly uncertain: boolean;
  readonly retryAfterMs?: number;

  constructor(init: WhatsAppErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    if (init.details !== undefined) this.details = init.details;
    if (init.subcode !== undefined) this.subcode = init.subcode;
    if (init.fbtraceId !== undefined) this.fbtraceId = init.fbtraceId;
    if (init.type !== undefined) this.type = init.type;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.uncertain = init.uncertain ?? false;
    this.retryable = isRetryableFailure(this.kind, this.code, this.httpStatus);
  }

  /** Safe to log or return to the panel: no token can be in here (the client redacts it). */
  toJSON() {
    return {
      name: this.name, message: this.message, kind: this.kind, code: this.code, httpStatus: this.httpStatus,
      details: this.details, subcode: this.subcode, fbtraceId: this.fbtraceId, type: this.type,
      retryable: this.retryable, uncertain: this.uncertain, retryAfterMs: this.retryAfterMs,
    };
  }
}

/**
 * How a Graph code may be retried (§4.4): `once` (code 1), `backoff` (exponential, with jitter
 * added by the caller), `schedule` (131056 pair rate limit: wait 4^attempt s, other recipients are
 * unaffected), or `never`.
 */
export type RetryPolicy = 'never' | 'once' | 'backoff' | 'schedule';

const BACKOFF_CODES = new Set([2, 4, 80007, 130429, 131000, 131016, 131057, 133004]);

export function retryPolicy(code: number): RetryPolicy {
  if (code === 1) return 'once';
  if (code === 131056) return 'schedule';
  return BACKOFF_CODES.has(code) ? 'backoff' : 'never';
}

/** True for the codes Meta says may succeed later (§4.4 retry policy). */
export const isRetryableCode = (code: number): boolean => retryPolicy(code) !== 'never';

function isRetryableFailure(kind: WhatsAppErrorKind, code: number | null, httpStatus: number | null): boolean {
  if (code !== null) return isRetryableCode(code);
  if (kind === 'network' || kind === 'timeout') return true;
  return httpStatus !== null && (httpStatus >= 500 || httpStatus === 429);
}

/**
 * How long to wait before retry number `attempt` (0 = the first retry), or null when the error
 * must not be retried (again). Deterministic; add jitter at the call site.
 */
export function retryDelayMs(error: WhatsAppError, attempt: number): number | null {
  if (!error.retryable) return null;
  const policy = error.code === null ? 'backoff' : retryPolicy(error.code);
  if (policy === 'once' && attempt > 0) return null;
  if (policy === 'schedule') return 4 ** attempt * 1000;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  // App/WABA call limits (4, 80007) recover in minutes, throughput limits in seconds.
  const base = error.code === 4 || error.code === 80007 ? 60_000 : 1_000;
  return Math.min(base * 2 ** attempt, 15 * 60_000);
}

const REASONS: Record<number, string> = {
  100: 'Meta rejected a parameter of the request as invalid.',
  190: 'The WhatsApp access token is invalid or has expired.',
  130429: 'WhatsApp’s sending rate limit was reached; the message will be retried shortly.',
  130472: 'The customer is part of a Meta experiment and the message was not delivered.',
  131000: 'WhatsApp hit an unknown error and did not send the message.',
  131016: 'WhatsApp is temporarily unavailable.',
  131026: 'The message could not be delivered: the number may not be on WhatsApp, or the customer’s app is too old or has not accepted the terms.',
  131047: 'More than 24 hours have passed since the customer last wrote, so only a template can be sent.',
  131049: 'Meta did not deliver this message to keep engagement healthy (per-customer marketing limit).',
  131050: 'The customer has stopped marketing messages from this business.',
  131056: 'Too many messages were sent to this customer in a short time; the message will be retried later.',
  132000: 'The number of template values does not match the template.',
  132001: 'The template does not exist in this language or is not approved yet.',
  132005: 'The message is too long once the values are filled in.',
  132012: 'A template value has the wrong format for this template.',
  132015: 'The template is paused because of low quality.',
  132016: 'The template has been disabled permanently; create a new one.',
  132018: 'Meta rejected a template value (for example a line break, a tab or too many spaces).',
};

/** A short English reason for the common Meta error codes, for agents and logs; null when unknown. */
export function describeWhatsAppError(code: number | null): string | null {
  return code === null ? null : (REASONS[code] ?? null);
}
