/**
 * Everything a sandbox capability needs, built once by `createSandbox` and passed down explicitly.
 *
 * @module
 */
import type { SandboxIdentity } from './identity';
import type { RateLimiter } from './rate-limits';
import type { Scheduler } from './scheduler';
import type { SandboxSettings } from './settings';
import type { SandboxDb } from './store/open-store';
import type { Clock } from './virtual-clock';
import type { WebhookDispatcher } from './webhooks/dispatcher';

export type SandboxContext = {
  db: SandboxDb;
  clock: Clock;
  scheduler: Scheduler;
  settings: SandboxSettings;
  webhooks: WebhookDispatcher;
  identity: SandboxIdentity;
  rateLimits: RateLimiter;
  /** Attempts seen per recipient for the `…0009` transient fault. */
  transientAttempts: Map<string, number>;
  /** Requests deliberately left hanging (`…0006`); resolved on close. */
  hangingRequests: Set<() => void>;
  log: (line: string) => void;
};
