/**
 * Prepared statements, once per database and SQL text. Hot paths (auth on every request, the send
 * path's ~15 statements per message, consent lookups) were spending a measurable share of their CPU
 * in `db.prepare`; every repo asks here instead.
 * @module
 */
import type { Statement } from 'better-sqlite3';
import type { DB } from './open-db';

const statements = new WeakMap<DB, Map<string, Statement>>();

export function prepared(db: DB, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
