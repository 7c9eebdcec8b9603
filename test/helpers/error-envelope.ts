/**
 * What every refused request must look like to a client: the one error envelope, and nothing of
 * the server's insides (no stack frames, no source paths). Used by the fuzz and access tests.
 */
import { ApiErrorBody } from '../../shared/schemas/api-error';

/** Traces of the server's insides that must never reach a client. */
const INSIDES: Array<[string, RegExp]> = [
  ['a stack frame', /\n\s*at\s+\S+|^\s*at\s+[\w.<>]+\s+\(/m],
  ['a source path', /(?:\/work\/|\/home\/|\/tmp\/|node_modules|[\w-]+\.(?:ts|js|mjs|cjs):\d+)/],
  ['an internal error name', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|SqliteError)\b/],
];

/** Problems with a response body as text (empty list = fine). */
export function insideLeaks(text: string): string[] {
  return INSIDES.filter(([, re]) => re.test(text)).map(([what]) => what);
}

export type EnvelopeCheck = { ok: true; code: string } | { ok: false; problem: string };

/** Checks a non-2xx body: JSON, the envelope shape from shared/schemas/api-error.ts, no insides. */
export function checkErrorEnvelope(status: number, contentType: string | null, text: string): EnvelopeCheck {
  if (!contentType?.includes('application/json')) return { ok: false, problem: `status ${status} with content type ${contentType}: ${text.slice(0, 200)}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `status ${status} with a body that is not JSON: ${text.slice(0, 200)}` };
  }
  const parsed = ApiErrorBody.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `status ${status} without the error envelope: ${text.slice(0, 300)}` };
  const leaks = insideLeaks(text);
  if (leaks.length) return { ok: false, problem: `status ${status} body shows ${leaks.join(', ')}: ${text.slice(0, 300)}` };
  return { ok: true, code: parsed.data.error.code };
}
