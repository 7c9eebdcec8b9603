/**
 * The Hono environment shared by every route: the authenticated agent on `c.var.agent`.
 * @module
 */
import type { Agent } from '../db/agents-repo';

export type AppEnv = { Variables: { agent: Agent } };
