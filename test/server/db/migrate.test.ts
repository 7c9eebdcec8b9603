import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../../server/db/migrate';
import { openDb } from '../../../server/db/open-db';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-migrate-'));
  dirs.push(dir);
  return join(dir, 'kopru.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const names = (db: Database.Database, type: 'table' | 'trigger' | 'index') =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(type) as string[];

describe('migrations on an empty database', () => {
  it('applies every numbered migration once, in order, and records each', () => {
    const db = new Database(tempFile());
    const files = listMigrations().map((m) => m.name);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files).toEqual([...files].sort());
    expect(migrate(db)).toEqual(files);
    const recorded = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(files);
    // A second start applies nothing and changes nothing.
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('creates the tables, indexes and append-only triggers the server relies on', () => {
    const db = openDb(tempFile());
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining([
        'agents', 'schema_migrations',
        'contacts', 'consent_wordings', 'consents', 'optin_codes', 'handoffs', 'inbound_messages',
        'templates', 'messages', 'message_events',
      ]),
    );
    expect(names(db, 'trigger')).toEqual(expect.arrayContaining(['consents_no_update', 'consents_no_delete']));
    expect(names(db, 'index')).toEqual(expect.arrayContaining(['consents_phone_seq']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('seeds version 1 of the opt-in wording in Turkish and English, naming the business and how to stop', () => {
    const db = openDb(tempFile());
    const rows = db.prepare('SELECT id, language, version, text FROM consent_wordings ORDER BY language').all() as Array<{
      id: string; language: string; version: number; text: string;
    }>;
    expect(rows.map((r) => [r.id, r.language, r.version])).toEqual([
      ['cw_en_v1', 'en', 1],
      ['cw_tr_v1', 'tr', 1],
    ]);
    for (const r of rows) expect(r.text).toContain('{business}');
    expect(rows[0]!.text).toContain('STOP');
    expect(rows[1]!.text).toContain('DUR');
    db.close();
  });

  it('has the system agent used for automatic confirmations, whose token can never match', () => {
    const db = openDb(tempFile());
    const row = db.prepare("SELECT role, token_hash FROM agents WHERE id = 'agt_system'").get() as { role: string; token_hash: string };
    expect(row.role).toBe('agent');
    expect(row.token_hash).toMatch(/^disabled:[0-9A-F]{64}$/);
    db.close();
  });

  it('refuses UPDATE and DELETE on the consent ledger at the database level', () => {
    const db = openDb(tempFile());
    db.prepare(
      `INSERT INTO consents (id, phone, action, method, topics_json, created_at, prev_hash, hash)
       VALUES ('cns_1', '+905324182796', 'opt_in', 'in_person', '[]', 1, '0', 'h1')`,
    ).run();
    expect(() => db.prepare("UPDATE consents SET action = 'opt_out' WHERE id = 'cns_1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM consents WHERE id = 'cns_1'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consents').run()).toThrow(/append-only/);
    expect(db.prepare("SELECT action FROM consents WHERE id = 'cns_1'").pluck().get()).toBe('opt_in');
    db.close();
  });

  it('deduplicates inbound messages by wamid', () => {
    const db = openDb(tempFile());
    const insert = db.prepare(
      "INSERT INTO inbound_messages (wamid, wa_id, phone, type, received_at) VALUES ('wamid.A', '905324182796', '+905324182796', 'text', 1)",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
