/**
 * `npx kopru agent add --name "Front desk 1" [--role admin|agent]`, `agent list`, `agent revoke <id>`.
 * Works on the database in KOPRU_DATA_DIR; the new token is the LAST line of standard output, so a
 * script can take it with `tail -n 1`.
 * @module
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAgent, listAgents, revokeAgent, SYSTEM_AGENT_ID } from './db/agents-repo';
import { openDb } from './db/open-db';
import { ConfigError, loadConfig } from './env';

const USAGE = `usage:
  kopru agent add --name "<name>" [--role admin|agent]
  kopru agent list
  kopru agent revoke <agent-id>`;

export function runCli(argv: string[], out = (s: string) => console.log(s), errOut = (s: string) => console.error(s)): number {
  const [group, command, ...rest] = argv;
  if (group !== 'agent' || !command) {
    errOut(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      errOut(e.message);
      return 2;
    }
    throw e;
  }
  const db = openDb(join(config.dataDir, 'kopru.sqlite'));
  try {
    if (command === 'add') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string', default: 'agent' } } });
      const name = values.name?.trim();
      if (!name) return (errOut('--name is required\n' + USAGE), 2);
      if (values.role !== 'admin' && values.role !== 'agent') return (errOut('--role must be admin or agent'), 2);
      const { agent, token } = createAgent(db, { name, role: values.role, now: Date.now() });
      out(`Created ${agent.role} "${agent.name}" (${agent.id}). The token is shown only once:`);
      out(token);
      return 0;
    }
    if (command === 'list') {
      for (const a of listAgents(db)) {
        // The built-in sender of automatic confirmations has no usable token: say so rather than "active".
        const state = a.id === SYSTEM_AGENT_ID ? 'system ' : a.revokedAt ? 'revoked' : 'active ';
        out([a.id, a.role.padEnd(5), state, new Date(a.createdAt).toISOString(), a.name].join('  '));
      }
      return 0;
    }
    if (command === 'revoke') {
      const id = rest[0];
      if (!id) return (errOut(USAGE), 2);
      const agent = revokeAgent(db, id, Date.now());
      if (!agent) return (errOut(`No agent with id ${id}`), 1);
      out(`Revoked ${agent.name} (${agent.id}).`);
      return 0;
    }
    errOut(USAGE);
    return 2;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = runCli(process.argv.slice(2));
