/**
 * Contact + consent lookup, `GET /api/contacts/:phone`, with the seeded contacts (each with a
 * consent record) in the database.
 *
 * - HTTP: autocannon, a random seeded contact per request (`setupRequest`). Latency is measured
 *   with one request in flight (a panel opening a ticket does one lookup; with more in flight the
 *   figure is queueing, not lookup time); a second run with several connections gives lookups/s.
 * - In process: the route's own database work — `getContactRow`, `consentState` and
 *   `listMessagesForPhone`, the functions server/routes/contacts.ts calls — timed one by one on a
 *   read-only connection to the same file, for random contacts.
 * @module
 */
import Database from 'better-sqlite3';
import type { Request } from 'autocannon';
import { consentState } from '../../server/core/consent-ledger';
import { getContactRow } from '../../server/db/contacts-repo';
import { listMessagesForPhone } from '../../server/db/messages-repo';
import type { DB } from '../../server/db/open-db';
import { percentile, runLoad, type LoadResult, type Target } from './load';
import { benchPhone } from './phones';

/** A small deterministic generator, so runs look up the same sequence of contacts. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lookupRequest(token: string, contacts: number, seed: number): Request {
  const next = random(seed);
  return {
    method: 'GET',
    setupRequest: (req) => ({
      ...req,
      path: `/api/contacts/${encodeURIComponent(benchPhone(Math.floor(next() * contacts)))}`,
      headers: { authorization: `Bearer ${token}` },
    }),
  };
}

export function lookupHttp(target: Target, token: string, contacts: number, connections: number, seconds: number): Promise<LoadResult> {
  return runLoad(target, { connections, duration: seconds, requests: [lookupRequest(token, contacts, connections)] });
}

export type InProcessLookup = { samples: number; p50: number; p99: number; found: number };

export function lookupInProcess(dbFile: string, contacts: number, samples: number): InProcessLookup {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true }) as DB;
  try {
    const next = random(42);
    const times = new Float64Array(samples);
    let found = 0;
    const one = (phone: string) => {
      const row = getContactRow(db, phone);
      const consent = consentState(db, phone);
      listMessagesForPhone(db, phone, 20);
      if (row && consent.status === 'opted_in') found++;
    };
    for (let i = 0; i < Math.min(1000, samples); i++) one(benchPhone(Math.floor(next() * contacts))); // warm the statement paths
    found = 0;
    for (let i = 0; i < samples; i++) {
      const phone = benchPhone(Math.floor(next() * contacts));
      const t = performance.now();
      one(phone);
      times[i] = performance.now() - t;
    }
    times.sort();
    return { samples, p50: percentile(times, 50), p99: percentile(times, 99), found };
  } finally {
    db.close();
  }
}
