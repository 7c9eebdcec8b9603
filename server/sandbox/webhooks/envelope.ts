/**
 * Meta's webhook envelope: `{ object, entry: [{ id: <WABA id>, time?, changes: [{ field, value }] }] }`.
 * `entry.time` appears on template/account webhooks and not on `messages` (reference §5.3).
 *
 * @module
 */
import type { SandboxIdentity } from '../identity';

export type WebhookChange = { field: string; value: Record<string, unknown> };

export function webhookEnvelope(identity: SandboxIdentity, changes: WebhookChange[], timeSeconds?: number) {
  const entry: Record<string, unknown> = { id: identity.wabaId };
  if (timeSeconds !== undefined) entry.time = timeSeconds;
  entry.changes = changes;
  return { object: 'whatsapp_business_account', entry: [entry] };
}

/** The `value` of a `messages` change: product, metadata, then the payload (contacts/messages/statuses). */
export function messagesValue(identity: SandboxIdentity, payload: Record<string, unknown>): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: identity.displayPhoneNumber, phone_number_id: identity.phoneNumberId },
    ...payload,
  };
}

export const unixSeconds = (ms: number) => Math.floor(ms / 1000);
