/**
 * Benchmark customers' numbers: Turkish mobiles `+90 532 xxx xx xx`, valid for libphonenumber
 * (the API refuses anything it does not call valid) and never ending in `0000`–`0009`, the
 * sandbox's fault-injection suffixes (server/sandbox/faults.ts), so a benchmark send never fails
 * on purpose even if fault injection is left on.
 * @module
 */

/** Per 10,000 numbers, the 10 with a fault suffix are skipped: 9,990 usable ones per block. */
const USABLE_PER_BLOCK = 9_990;
const FAULT_SUFFIXES = 10;

/** The `i`-th benchmark number (0-based), E.164. Capacity: 9,990,000 numbers. */
export function benchPhone(i: number): string {
  const block = Math.floor(i / USABLE_PER_BLOCK);
  const n = block * 10_000 + FAULT_SUFFIXES + (i % USABLE_PER_BLOCK);
  return `+90532${String(n).padStart(7, '0')}`;
}

/** The same number without `+`, as WhatsApp ids and webhooks carry it. */
export const waIdOf = (e164: string) => e164.slice(1);
