/**
 * The sandbox's own SQLite file (never Köprü's database): templates, messages, customers and the
 * webhook delivery log, each row a JSON document keyed by the columns we look things up by — plus
 * the work still owed (status ladder steps, the webhook queue, held status batches), so a restart,
 * even after kill -9, picks up where the last run stopped.
 *
 * @module
 */
import Database from 'better-sqlite3';

export type SandboxDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, language TEXT NOT NULL, data TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS templates_name_language ON templates (name, language);
CREATE TABLE IF NOT EXISTS deleted_names (name TEXT NOT NULL, language TEXT NOT NULL, deleted_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS customers (wa_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, wa_id TEXT NOT NULL, direction TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_wa_id ON messages (wa_id, seq);
CREATE TABLE IF NOT EXISTS webhook_deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_queue (delivery_id INTEGER PRIMARY KEY, due_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_status_buffer (id INTEGER PRIMARY KEY, flush_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS status_schedule (
  id INTEGER PRIMARY KEY, message_id TEXT NOT NULL, status TEXT NOT NULL, due_at INTEGER NOT NULL, code INTEGER,
  UNIQUE (message_id, status)
);
`;

export function openSandboxDb(file = ':memory:'): SandboxDb {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  return db;
}

const statements = new WeakMap<SandboxDb, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database (for the paths every send goes through). */
export function statement(db: SandboxDb, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** A monotonically increasing counter that survives restarts (template ids, list order). */
export function nextCounter(db: SandboxDb, key: string): number {
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  const next = (row ? Number(row.value) : 0) + 1;
  db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    String(next),
  );
  return next;
}
