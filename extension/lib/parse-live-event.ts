import type { LiveEvent } from '../../shared/schemas/live-event';

const EVENT_TYPES = new Set<LiveEvent['type']>(['message.status', 'consent.changed', 'contact.inbound', 'template.changed', 'optin.confirmed', 'handoff.linked', 'alert']);

/**
 * An SSE `data:` line → a live event. Only a shape check (no zod in the panel bundle, tooling
 * pitfall 7): the server built it from the shared schema. Types this build does not know (a newer
 * server) are ignored.
 */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    const type = (value as { type?: unknown } | null)?.type;
    return typeof type === 'string' && EVENT_TYPES.has(type as LiveEvent['type']) ? (value as LiveEvent) : null;
  } catch {
    return null;
  }
}
