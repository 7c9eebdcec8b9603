/**
 * The sandbox's runtime switches. Start values come from `SandboxOptions`; tests and the demo change
 * them through `POST /sandbox/control/settings`.
 *
 * @module
 */
import * as z from 'zod';

export const PairRate = z.object({ perSeconds: z.number().positive(), burst: z.number().int().positive() });
export type PairRate = z.infer<typeof PairRate>;

export const WebhookRetry = z.object({ baseMs: z.number().nonnegative(), maxAttempts: z.number().int().min(1) });
export type WebhookRetry = z.infer<typeof WebhookRetry>;

export const SandboxSettings = z.object({
  reviewDelayMs: z.number().nonnegative(),
  /** false: templates stay PENDING until forced through the control API. */
  autoReview: z.boolean(),
  deliveryDelayMs: z.number().nonnegative(),
  readDelayMs: z.number().nonnegative(),
  throughputPerSecond: z.number().positive(),
  pairRate: z.union([PairRate, z.literal(false)]),
  webhookRetry: WebhookRetry,
  /** Deliver every webhook twice (at-least-once delivery). */
  duplicates: z.boolean(),
  /** Hold status webhooks for `shuffleWindowMs`, then deliver them batched in reverse order. */
  shuffle: z.boolean(),
  shuffleWindowMs: z.number().nonnegative(),
  /** Queue webhooks instead of POSTing them; resuming delivers the backlog. */
  webhooksPaused: z.boolean(),
  /** Recipient-suffix fault injection (see faults.ts). */
  faults: z.boolean(),
});
export type SandboxSettings = z.infer<typeof SandboxSettings>;

export const SettingsPatch = SandboxSettings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
