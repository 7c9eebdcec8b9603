/**
 * Access to `/api/*`: an origin guard (browsers may only call from the extension), bearer-token
 * authentication, and role checks.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { findAgentByToken, type AgentRole } from '../db/agents-repo';
import type { DB } from '../db/open-db';
import { ApiError } from '../errors';
import type { AppEnv } from './app-env';

/**
 * Browsers send `Origin`; only `chrome-extension://` origins (narrowed by KOPRU_ALLOWED_ORIGINS when set)
 * may call the API. Requests without an Origin (the CLI, curl, server-to-server) are judged by token alone.
 */
export const isAllowedOrigin = (origin: string, allowList: string[]) =>
  allowList.length ? allowList.includes(origin) : /^chrome-extension:\/\/[a-p]{32}$/.test(origin);

export function originGuard(allowList: string[]): MiddlewareHandler {
  return async function originGuardMiddleware(c, next) {
    const origin = c.req.header('origin');
    if (origin && !isAllowedOrigin(origin, allowList)) {
      throw new ApiError('ORIGIN_NOT_ALLOWED', 'Requests from this origin are not allowed.');
    }
    await next();
  };
}

export function authenticate(db: DB): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError('UNAUTHORIZED', 'Send your agent token as "Authorization: Bearer <token>".');
    const agent = findAgentByToken(db, match[1]!);
    if (!agent || agent.revokedAt !== null) throw new ApiError('UNAUTHORIZED', 'This token is unknown or has been revoked.');
    c.set('agent', agent);
    await next();
  };
}

export function requireRole(role: AgentRole): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    if (role === 'admin' && c.var.agent.role !== 'admin') {
      throw new ApiError('FORBIDDEN', 'Only an admin may do this.');
    }
    await next();
  };
}
