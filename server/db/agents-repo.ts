/**
 * Agents and their tokens. A token is shown once when created and stored only as a SHA-256 hash:
 * tokens are long random strings, so a fast hash is enough (no password stretching needed).
 * @module
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DB } from './open-db';
import { prepared } from './prepared';

export type AgentRole = 'admin' | 'agent';

/** The built-in sender of automatic confirmations (created by migration 0003; its token can never match). */
export const SYSTEM_AGENT_ID = 'agt_system';
export type Agent = { id: string; name: string; role: AgentRole; createdAt: number; revokedAt: number | null };

type AgentRow = { id: string; name: string; role: AgentRole; created_at: number; revoked_at: number | null };
const toAgent = (r: AgentRow): Agent => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at });

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** `kpr_` + 32 random bytes in base64url: recognisable in a secret scanner, 256 bits of entropy. */
export const newToken = () => `kpr_${randomBytes(32).toString('base64url')}`;

export function createAgent(db: DB, input: { name: string; role: AgentRole; now: number; token?: string }): { agent: Agent; token: string } {
  const token = input.token ?? newToken();
  const row: AgentRow = { id: `agt_${randomUUID()}`, name: input.name, role: input.role, created_at: input.now, revoked_at: null };
  prepared(db, 'INSERT INTO agents (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    row.id, row.name, row.role, hashToken(token), row.created_at,
  );
  return { agent: toAgent(row), token };
}

export function findAgentByToken(db: DB, token: string): Agent | null {
  const row = prepared(db, 'SELECT * FROM agents WHERE token_hash = ?').get(hashToken(token)) as AgentRow | undefined;
  return row ? toAgent(row) : null;
}

export function getAgent(db: DB, id: string): Agent | null {
  const row = prepared(db, 'SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
  return row ? toAgent(row) : null;
}

export function listAgents(db: DB): Agent[] {
  return (prepared(db, 'SELECT * FROM agents ORDER BY created_at, id').all() as AgentRow[]).map(toAgent);
}

export function revokeAgent(db: DB, id: string, now: number): Agent | null {
  prepared(db, 'UPDATE agents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id);
  return getAgent(db, id);
}
