/**
 * Looks for personal data anywhere in Köprü's database: every column of every row of every table
 * (text, numbers, blobs), plus what hides inside WhatsApp message ids (Meta's wamid is base64 around
 * the customer's number), plus — optionally — the raw bytes of the database and its write-ahead log,
 * where deleted rows could linger in free pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DB } from '../../../server/db/open-db';

export type Hit = { where: string; needle: string; sample: string };

const decodedWamids = (text: string): string[] =>
  [...text.matchAll(/wamid\.([A-Za-z0-9+/=_-]{8,})/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('latin1'));

/** Every place a needle (case-insensitive) appears in a table cell. */
export function scanTables(db: DB, needles: string[]): Hit[] {
  const lowered = needles.map((n) => n.toLowerCase());
  const hits: Hit[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue;
        const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
        const haystacks = [text.toLowerCase(), ...decodedWamids(text)];
        lowered.forEach((needle, i) => {
          if (haystacks.some((h) => h.includes(needle))) hits.push({ where: `${table}.${column}`, needle: needles[i]!, sample: text.slice(0, 120) });
        });
      }
    }
  }
  return hits;
}

/** The needles found in the raw database file and its WAL (UTF-8 bytes). */
export function scanFiles(files: string[], needles: string[]): Array<{ file: string; needle: string }> {
  const out: Array<{ file: string; needle: string }> = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) out.push({ file, needle });
  }
  return out;
}
