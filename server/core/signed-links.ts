/**
 * Signed values for links and forms customers use without logging in: the preference-centre token
 * and the public forms' anti-CSRF tokens. HMAC-SHA256 with a secret that lives in the data folder
 * (created on first use, readable by the server's user only), so links keep working across
 * restarts and a copy of the code alone cannot forge them.
 *
 * A token is `<payload>.<mac>`, both base64url; the MAC covers a purpose label too, so a token made
 * for one use is never accepted for another. Expiry is part of the payload and checked by the caller.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../env';

const SECRET_FILE = 'link-signing.key';
/** 128 bits of MAC: plenty against forgery, short enough for a WhatsApp URL button. */
const MAC_BYTES = 16;

/** The server's link-signing secret: read from the data folder, created there the first time. */
export function linkSecret(config: Pick<Config, 'dataDir'>): Buffer {
  const file = join(config.dataDir, SECRET_FILE);
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx': if another process wrote it first, use theirs.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const mac = (secret: Buffer, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest().subarray(0, MAC_BYTES);

export function signToken(secret: Buffer, purpose: string, data: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

export type Verified<T> = { ok: true; data: T } | { ok: false; reason: 'malformed' | 'bad_signature' };

/** Checks the MAC (in constant time) and returns the payload; the caller checks what it says. */
export function verifyToken<T extends Record<string, unknown>>(secret: Buffer, purpose: string, token: string): Verified<T> {
  const m = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{16,64})$/.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(m[2]!, 'base64url');
  // Only the canonical encoding: base64url's last character carries padding bits, and a token that
  // differs in them must not count as the same token.
  if (given.toString('base64url') !== m[2] || Buffer.from(m[1]!, 'base64url').toString('base64url') !== m[1]) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, purpose, m[1]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  try {
    const data = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'malformed' };
    return { ok: true, data: data as T };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** A keyed hash (e.g. of a client address) for evidence and rate limits, without keeping the value. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url').slice(0, 22);
}

/** A random nonce for tokens that must be used once. */
export const nonce = (): string => randomBytes(12).toString('base64url');
