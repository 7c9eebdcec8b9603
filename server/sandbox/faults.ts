/**
 * Fault injection by the last four digits of the recipient's wa_id.
 *
 * | Suffix | When  | What happens                                                                          |
 * |--------|-------|---------------------------------------------------------------------------------------|
 * | 0000   | async | accepted (200), then a `failed` status with 131026 (undeliverable)                     |
 * | 0001   | async | accepted, then `failed` 131049 (healthy-ecosystem / per-user marketing limit)         |
 * | 0002   | async | accepted, then `failed` 131050 (user stopped marketing messages)                      |
 * | 0003   | sync  | HTTP 500, error 131000 (something went wrong); nothing is sent                        |
 * | 0004   | sync  | HTTP 500, error 131016 (service unavailable); nothing is sent                         |
 * | 0005   | sync  | HTTP 500 with a non-JSON body (a gateway failure); nothing is sent                    |
 * | 0006   | hang  | accepted and its webhooks ARE sent, but the HTTP response never arrives               |
 * | 0007   | async | accepted, then `failed` 130472 (user is part of an experiment)                        |
 * | 0008   | async | delivered but never read (the user has read receipts off)                             |
 * | 0009   | sync  | transient: 131016 for the first 2 attempts to that recipient, then accepted normally  |
 *
 * The suffix rule applies to any recipient, so a real-looking number ending in 0000 fails too; turn
 * injection off with `POST /sandbox/control/settings {"faults": false}`.
 *
 * @module
 */

export type FaultKind = 'async-failed' | 'sync-error' | 'sync-non-json' | 'hang' | 'no-read' | 'transient';

export type Fault = {
  suffix: string;
  kind: FaultKind;
  /** The Meta error code involved, when there is one. */
  code?: number;
  description: string;
};

export const FAULTS: readonly Fault[] = [
  { suffix: '0000', kind: 'async-failed', code: 131026, description: 'Accepted, then a failed status 131026 (undeliverable)' },
  { suffix: '0001', kind: 'async-failed', code: 131049, description: 'Accepted, then a failed status 131049 (healthy ecosystem engagement)' },
  { suffix: '0002', kind: 'async-failed', code: 131050, description: 'Accepted, then a failed status 131050 (user stopped marketing messages)' },
  { suffix: '0003', kind: 'sync-error', code: 131000, description: 'HTTP 500 with error 131000 (something went wrong); nothing sent' },
  { suffix: '0004', kind: 'sync-error', code: 131016, description: 'HTTP 500 with error 131016 (service unavailable); nothing sent' },
  { suffix: '0005', kind: 'sync-non-json', description: 'HTTP 500 with a non-JSON body; nothing sent' },
  { suffix: '0006', kind: 'hang', description: 'Accepted and webhooks sent, but the HTTP response never arrives' },
  { suffix: '0007', kind: 'async-failed', code: 130472, description: 'Accepted, then a failed status 130472 (experiment)' },
  { suffix: '0008', kind: 'no-read', description: 'Delivered, never read (read receipts off)' },
  { suffix: '0009', kind: 'transient', code: 131016, description: 'Error 131016 for the first 2 attempts to that recipient, then accepted' },
];

/** How many attempts fail before a `transient` recipient succeeds. */
export const TRANSIENT_FAILURES = 2;

export function faultFor(waId: string): Fault | undefined {
  return FAULTS.find((f) => waId.endsWith(f.suffix));
}
