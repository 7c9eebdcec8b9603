import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../../server/db/checkpointer';
import { createLogger } from '../../../server/core/logger';
import { openDb } from '../../../server/db/open-db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const silent = createLogger({ level: 'silent' });

describe('WAL checkpoints on a worker thread', () => {
  it('keeps the write-ahead log bounded under continuous writes, and the data is all there after a clean stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kopru-checkpointer-'));
    dirs.push(dir);
    const file = join(dir, 'kopru.sqlite');
    const db = openDb(file);
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const checkpointer = startCheckpointer(db, file, silent, { intervalMs: 5, mainPages: 500 });
    const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
    const page = Buffer.alloc(4000, 1);
    let largestWal = 0;
    // ~6,000 pages written without pause (several times the point where the log starts over).
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 100; i++) insert.run(page);
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
      await new Promise((r) => setImmediate(r));
    }
    expect(largestWal).toBeLessThan(1500 * 4096);
    await checkpointer.stop();
    db.close();
    // The last connection folded the log into the file and removed it.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openDb(file);
    expect(again.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(6000);
    again.close();
  });

  it('the worker copies committed pages into the database file while the server keeps writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kopru-checkpointer-'));
    dirs.push(dir);
    const file = join(dir, 'kopru.sqlite');
    const db = openDb(file);
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    // The main connection would not checkpoint before 100,000 pages: whatever reaches the file is the worker's.
    const checkpointer = startCheckpointer(db, file, silent, { intervalMs: 5, mainPages: 100_000 });
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4000, 2));
    await expect.poll(() => statSync(file).size - before, { timeout: 5000 }).toBeGreaterThan(400 * 4096);
    await checkpointer.stop();
    db.close();
  });

  it('an in-memory database needs no worker', async () => {
    const db = openDb(':memory:');
    await expect(startCheckpointer(db, ':memory:', silent).stop()).resolves.toBeUndefined();
    db.close();
  });
});
