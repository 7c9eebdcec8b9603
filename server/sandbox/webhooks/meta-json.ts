/**
 * Serialises webhook bodies the way Meta does and signs the exact bytes.
 *
 * Meta's JSON escapes every non-ASCII UTF-16 code unit as `\uXXXX` (lower-case hex) and `/` as `\/`,
 * so a receiver that re-serialises with `JSON.stringify` computes a different HMAC (reference §5.2).
 * Both characters can only occur inside JSON strings, so escaping the serialised text is safe.
 *
 * @module
 */
import { createHmac } from 'node:crypto';

export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/** `sha256=<hex HMAC-SHA256(body, appSecret)>` — the `X-Hub-Signature-256` header value. */
export function signatureFor(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
