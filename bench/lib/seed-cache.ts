/**
 * Seeding a million contacts with consent takes about a minute; the result depends only on the
 * server's migrations, the consent-hash code and the bench's seeding code. So the seeded file is
 * kept in the temp folder under a key made of exactly those sources and the contact count, and
 * copied for the next run (seconds). `--fresh` ignores the cache.
 *
 * The cached file holds the contacts, their consents and the "Bench seeding admin" who recorded
 * them; the per-run agents (and their tokens) are always created fresh afterwards.
 * @module
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../../server/db/agents-repo';
import { openDb } from '../../server/db/open-db';
import { seedOptedInContacts } from './seed-db';

const CACHE_DIR = join(tmpdir(), 'kopru-bench-cache');
const SOURCES = [
  'server/db/migrations',
  'server/db/agents-repo.ts',
  'server/core/consent-hash.ts',
  'server/core/consent-ledger.ts',
  'bench/lib/seed-db.ts',
  'bench/lib/phones.ts',
  'bench/lib/seed-cache.ts',
];

function sourcesKey(contacts: number): string {
  const h = createHash('sha256').update(String(contacts));
  for (const s of SOURCES) {
    const files = existsSync(s) && !s.endsWith('.ts') ? readdirSync(s).sort().map((f) => join(s, f)) : [s];
    for (const f of files) h.update(f).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

export type SeededFile = { fromCache: boolean; seconds: number };

/** Puts a database with `contacts` opted-in contacts at `dbFile` (which must not exist yet). */
export function seededDatabase(dbFile: string, opts: { contacts: number; fresh: boolean; businessName: string; onProgress?: (done: number) => void }): SeededFile {
  const started = performance.now();
  const cached = join(CACHE_DIR, `contacts-${opts.contacts}-${sourcesKey(opts.contacts)}.sqlite`);
  if (!opts.fresh && existsSync(cached)) {
    copyFileSync(cached, dbFile);
    return { fromCache: true, seconds: (performance.now() - started) / 1000 };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  // Old versions of the cache are useless once a source changed: keep only what we write now.
  for (const f of readdirSync(CACHE_DIR)) if (f.startsWith(`contacts-${opts.contacts}-`)) rmSync(join(CACHE_DIR, f), { force: true });
  const building = `${cached}.${process.pid}.tmp`;
  const db = openDb(building);
  try {
    const now = Date.now();
    const { agent } = createAgent(db, { name: 'Bench seeding admin', role: 'admin', now });
    seedOptedInContacts(db, { count: opts.contacts, agentId: agent.id, now, businessName: opts.businessName, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    // One self-contained file: everything checkpointed into it, no -wal/-shm to carry along.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  renameSync(building, cached);
  copyFileSync(cached, dbFile);
  return { fromCache: false, seconds: (performance.now() - started) / 1000 };
}
