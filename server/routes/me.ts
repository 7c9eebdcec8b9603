import { Hono } from 'hono';
import type { AppEnv } from '../core/app-env';

/** `GET /api/me` — who the token belongs to; the panel's connection check. */
export const meRoute = () =>
  new Hono<AppEnv>().get('/', (c) => {
    const { id, name, role, createdAt } = c.var.agent;
    return c.json({ agent: { id, name, role, createdAt } }, 200);
  });
