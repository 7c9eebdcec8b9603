import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../../server/db/group-commit';

const dirs: string[] = [];
const opened: Database.Database[] = [];
function fileDb() {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-group-commit-'));
  dirs.push(dir);
  const file = join(dir, 'g.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  opened.push(db);
  return { db, file };
}
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const insert = (db: Database.Database, k: string, v: number) => () => {
  db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, v);
  return k;
};
const rows = (db: Database.Database) => db.prepare('SELECT k, v FROM t ORDER BY k').all();

describe('groupCommit: writes that arrive together share one commit', () => {
  it('runs every function in order, each seeing the writes before it, and resolves each with its own result', async () => {
    const { db } = fileDb();
    const seen: number[] = [];
    const results = await Promise.all([
      groupCommit(db, insert(db, 'a', 1)),
      groupCommit(db, () => {
        seen.push(db.prepare('SELECT COUNT(*) FROM t').pluck().get() as number);
        return insert(db, 'b', 2)();
      }),
      groupCommit(db, insert(db, 'c', 3)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([1]);
    expect(rows(db)).toEqual([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'c', v: 3 }]);
  });

  it('a function that throws leaves nothing behind and rejects alone; the others commit', async () => {
    const { db } = fileDb();
    const outcomes = await Promise.allSettled([
      groupCommit(db, insert(db, 'a', 1)),
      groupCommit(db, () => {
        insert(db, 'half', 9)();
        throw new Error('refused halfway');
      }),
      groupCommit(db, insert(db, 'a', 2)), // duplicate key: a constraint error
      groupCommit(db, insert(db, 'd', 4)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'refused halfway');
    expect(rows(db)).toEqual([{ k: 'a', v: 1 }, { k: 'd', v: 4 }]);
  });

  it('settles only once the data is committed: another connection reads it then', async () => {
    const { db, file } = fileDb();
    const reader = new Database(file, { readonly: true });
    opened.push(reader);
    const pending = Promise.all([groupCommit(db, insert(db, 'x', 1)), groupCommit(db, insert(db, 'y', 2))]);
    expect(reader.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
    await pending;
    expect(reader.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2);
  });

  it('when the database cannot commit, every waiting write is refused', async () => {
    const { db } = fileDb();
    const pending = Promise.allSettled([groupCommit(db, insert(db, 'x', 1)), groupCommit(db, insert(db, 'y', 2))]);
    db.close();
    expect((await pending).map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
