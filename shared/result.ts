/**
 * `Result` — how shared and server code report *expected* failures (a bad phone number, a template
 * value that Meta would reject, a Graph error) without throwing. Unexpected failures still throw.
 *
 * @module
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
