/**
 * A fingerprint of every table in a SQLite database (row count + a hash of all rows in rowid
 * order), so a test can say "this request changed nothing" without knowing the schema.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../../server/db/open-db';

export type DbSnapshot = Record<string, { rows: number; digest: string }>;

export function snapshotDb(db: DB): DbSnapshot {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: DbSnapshot = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][];
    const hash = createHash('sha256');
    // Sorted text of each row: the order SQLite returns rows in is not part of "what is stored".
    for (const line of rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort()) {
      hash.update(line).update('\n');
    }
    out[t] = { rows: rows.length, digest: hash.digest('hex') };
  }
  return out;
}

/** Tables whose content differs between two snapshots (added, removed or changed). */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n]?.digest !== after[n]?.digest || before[n]?.rows !== after[n]?.rows).sort();
}
