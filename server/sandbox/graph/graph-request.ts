/**
 * Small request helpers shared by the Graph routes.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { SandboxIdentity } from '../identity';
import type { Clock } from '../virtual-clock';
import { respondGraphError } from '../graph-errors';

/** Hono path pattern for `vNN.N`; any version is served the same way. */
export const VERSION = ':version{v[0-9]+\\.[0-9]+}';

/** The JSON body, or `undefined` when it is missing or not JSON (validators then report what is required). */
export async function readJsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

const graphDate = (ms: number) => new Date(ms).toUTCString().replace('GMT', 'UTC');

/** Bearer token (or `?access_token=`) must be the sandbox token; the "expired" token gets subcode 463. */
export function graphAuth(identity: SandboxIdentity, clock: Clock): MiddlewareHandler {
  return async function graphAuthMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const token = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? c.req.query('access_token');
    if (token === identity.expiredToken) {
      const now = clock.now();
      return respondGraphError(c, {
        code: 190,
        subcode: 463,
        message: `Error validating access token: Session has expired on ${graphDate(now - 3600_000)}. The current time is ${graphDate(now)}.`,
        details: 'Session has expired',
      });
    }
    if (token !== identity.token) {
      return respondGraphError(c, {
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
        details: token ? 'Cannot parse access token' : 'No access token was provided',
      });
    }
    await next();
  };
}
