/**
 * The fingerprint of a send request, stored next to its idempotency key: the same key with the
 * same body is a retry (answer the same message), with a different body a mistake (409).
 * Canonical JSON (keys sorted at every depth) so `{a, b}` and `{b, a}` are the same request.
 * @module
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
