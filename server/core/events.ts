/**
 * In-process fan-out of live events to connected panels. Publishing never blocks on a slow panel:
 * each subscriber gets the event synchronously and decides how to buffer it.
 * `agentId` routing: message events go to the agent who sent them and to admins; everything else
 * (consent, templates, contacts) goes to everyone, because any agent may be looking at that customer.
 * @module
 */
import type { LiveEvent } from '../../shared/schemas/live-event';

export type Subscriber = { agentId: string; isAdmin: boolean; send: (event: LiveEvent) => void };

export type EventHub = {
  publish(event: LiveEvent): void;
  subscribe(sub: Subscriber): () => void;
  size(): number;
};

export function createEventHub(): EventHub {
  const subs = new Set<Subscriber>();
  return {
    publish(event) {
      for (const s of subs) {
        if (event.type === 'message.status' && !s.isAdmin && s.agentId !== event.agentId) continue;
        s.send(event);
      }
    },
    subscribe(sub) {
      subs.add(sub);
      return () => subs.delete(sub);
    },
    size: () => subs.size,
  };
}
