/**
 * Guards for the public (no login) pages' form posts: who is asking (a keyed hash of the client
 * address, for rate limits and evidence — never the address itself), whether the post comes from
 * our own page (Origin), and the signed single-use form token that stands in for a CSRF cookie
 * (a cookie would not reach us from inside a shop's iframe).
 * @module
 */
import type { Context } from 'hono';
import { publicBase } from '../core/public-url';
import { keyedHash, linkSecret, nonce, signToken, verifyToken } from '../core/signed-links';
import { formNonceUsed, useFormNonce } from '../db/preferences-repo';
import type { Deps } from '../deps';

/** A form may be filled in for this long after the page was loaded. */
export const FORM_TOKEN_TTL_MS = 2 * 3600_000;

type NodeEnv = { incoming?: { socket?: { remoteAddress?: string } } };

/** The client's address: the socket's, or behind a trusted proxy the hop it saw (last X-Forwarded-For entry). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    if (hops.length) return hops.at(-1)!;
  }
  const env = c.env as NodeEnv | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export const clientKey = (deps: Pick<Deps, 'config'>, c: Context) => keyedHash(linkSecret(deps.config), 'client', clientAddress(c, deps.config.trustProxy));

/**
 * A browser posting our form sends our own origin. Another origin (a script on someone else's page)
 * is refused; no Origin at all (old browsers, curl) is left to the form token.
 */
export function fromOwnOrigin(c: Context, config: Deps['config']): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const own = new Set([new URL(c.req.url).origin, new URL(publicBase(config)).origin]);
  return own.has(origin);
}

/** A form token bound to `scope` (the page's slug, the preference link's nonce). */
export function issueFormToken(deps: Pick<Deps, 'config' | 'clock'>, purpose: string, scope: string): string {
  return signToken(linkSecret(deps.config), purpose, { s: scope, t: deps.clock.now(), n: nonce() });
}

export type FormTokenCheck = { ok: true; nonce: string; expiresAt: number } | { ok: false };

/** Valid signature, same scope, not older than FORM_TOKEN_TTL_MS and not used before. Does not use it. */
export function checkFormToken(deps: Pick<Deps, 'config' | 'clock' | 'db'>, purpose: string, scope: string, token: unknown): FormTokenCheck {
  if (typeof token !== 'string') return { ok: false };
  const v = verifyToken<{ s: string; t: number; n: string }>(linkSecret(deps.config), purpose, token);
  if (!v.ok || v.data.s !== scope || typeof v.data.t !== 'number' || typeof v.data.n !== 'string') return { ok: false };
  const now = deps.clock.now();
  const expiresAt = v.data.t + FORM_TOKEN_TTL_MS;
  if (now >= expiresAt || v.data.t > now + 60_000) return { ok: false };
  if (formNonceUsed(deps.db, v.data.n)) return { ok: false };
  return { ok: true, nonce: v.data.n, expiresAt };
}

/** Uses the token's nonce; false when a concurrent submission used it first. */
export const spendFormToken = (deps: Pick<Deps, 'db' | 'clock'>, check: Extract<FormTokenCheck, { ok: true }>) =>
  useFormNonce(deps.db, check.nonce, check.expiresAt, deps.clock.now());

/** Form fields, repeated ones (checkbox groups) as arrays. */
export async function formFields(c: Context): Promise<Record<string, string | string[]>> {
  // A body that is not a readable form (multipart without its boundary, a truncated part) is an
  // empty form: the page's own checks then refuse it, instead of the request failing with a 500.
  const body = await c.req.parseBody({ all: true }).catch(() => ({}));
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export const field = (f: Record<string, string | string[]>, name: string): string => {
  const v = f[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

export const fieldList = (f: Record<string, string | string[]>, name: string): string[] => {
  const v = f[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
