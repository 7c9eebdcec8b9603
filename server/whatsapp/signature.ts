/**
 * Meta's webhook signature (reference §5.2): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
 * raw request body, keyed with the app secret>`. Always verify the exact bytes received — parsing
 * and re-serialising the JSON changes Meta's `\uXXXX` escapes and breaks the check.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

const bytes = (body: Uint8Array | string): Uint8Array => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

const hmac = (body: Uint8Array | string, secret: string): Buffer => createHmac('sha256', secret).update(bytes(body)).digest();

/** The header value Meta would send for `rawBody` (used by the sandbox and tests). */
export function signMetaBody(rawBody: Uint8Array | string, appSecret: string): string {
  return `sha256=${hmac(rawBody, appSecret).toString('hex')}`;
}

/** True only for a well-formed header whose HMAC matches; compared in constant time. */
export function verifyMetaSignature(rawBody: Uint8Array | string, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const match = HEADER.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1] as string, 'hex');
  const expected = hmac(rawBody, appSecret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
