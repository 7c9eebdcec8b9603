/**
 * The shared virtual clock's offset, kept in the sandbox file.
 *
 * Everything the sandbox owes (status steps, webhook retries, reviews, unpauses) is due at a time on
 * the virtual clock. A restarted process builds a fresh clock at offset 0, which would put work due
 * after a "jump 24 h" a day into the future again. Resuming the stored offset keeps virtual time
 * moving forward only, so work that fell due while the process was down runs promptly.
 *
 * @module
 */
import type { VirtualClockControl } from '../virtual-clock';
import type { SandboxDb } from './open-store';
import { statement } from './open-store';

const KEY = 'clock_offset_ms';

/** Moves `clock` up to the offset stored by an earlier run, then records every advance; returns an unsubscribe. */
export function resumeClockOffset(db: SandboxDb, clock: VirtualClockControl): () => void {
  const row = statement(db, 'SELECT value FROM kv WHERE key = ?').get(KEY) as { value: string } | undefined;
  const stored = row ? Number(row.value) : 0;
  if (Number.isFinite(stored) && stored > clock.offsetMs) clock.advance(stored - clock.offsetMs);
  const save = () =>
    statement(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      KEY,
      String(clock.offsetMs),
    );
  if (clock.offsetMs !== stored) save();
  return clock.onAdvance(save);
}
