import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAgentByToken } from '../../server/db/agents-repo';
import { openDb } from '../../server/db/open-db';

const dataDir = mkdtempSync(join(tmpdir(), 'kopru-cli-'));
const kopru = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/kopru.js', ...args], { encoding: 'utf8', env: { ...process.env, KOPRU_DATA_DIR: dataDir } });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npx kopru agent', () => {
  let agentId = '';
  let token = '';

  it('adds an agent and prints its token once, as the last line', () => {
    const r = kopru('agent', 'add', '--name', 'Front desk 1');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    token = lines.at(-1)!;
    expect(token).toMatch(/^kpr_[A-Za-z0-9_-]{43}$/);
    const db = openDb(join(dataDir, 'kopru.sqlite'));
    const agent = findAgentByToken(db, token);
    // stored hashed: the token itself is nowhere in the table
    const raw = JSON.stringify(db.prepare('SELECT * FROM agents').all());
    db.close();
    expect(agent).toMatchObject({ name: 'Front desk 1', role: 'agent', revokedAt: null });
    expect(raw).not.toContain(token);
    agentId = agent!.id;
  });

  it('adds an admin with --role admin and refuses a bad role or a missing name', () => {
    expect(kopru('agent', 'add', '--name', 'Boss', '--role', 'admin').status).toBe(0);
    const bad = kopru('agent', 'add', '--name', 'X', '--role', 'owner');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--role must be admin or agent/);
    expect(kopru('agent', 'add').status).toBe(2);
  });

  it('lists agents without their tokens', () => {
    const r = kopru('agent', 'list');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Front desk 1');
    expect(r.stdout).toContain('Boss');
    expect(r.stdout).not.toContain(token);
  });

  it('revokes an agent so its token stops working', () => {
    const r = kopru('agent', 'revoke', agentId);
    expect(r.status).toBe(0);
    const db = openDb(join(dataDir, 'kopru.sqlite'));
    expect(findAgentByToken(db, token)?.revokedAt).toEqual(expect.any(Number));
    db.close();
    expect(kopru('agent', 'revoke', 'agt_nope').status).toBe(1);
  });
});
