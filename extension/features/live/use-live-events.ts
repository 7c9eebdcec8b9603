import { useEffect } from 'react';
import type { LiveEvent } from '../../../shared/schemas/live-event';
import { openEventStream } from '../../lib/event-stream';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { loadTemplates } from '../template-picker/use-templates';

const EVENT_TYPES = new Set<LiveEvent['type']>(['message.status', 'consent.changed', 'contact.inbound', 'template.changed', 'optin.confirmed', 'handoff.linked']);

/** The server's data is JSON with a `type`; anything else (a newer server's events) is ignored. */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    const type = (value as { type?: unknown } | null)?.type;
    return typeof type === 'string' && EVENT_TYPES.has(type as LiveEvent['type']) ? (value as LiveEvent) : null;
  } catch {
    return null;
  }
}

/**
 * Follows `GET /api/events` while connected. Each event updates the store; consent and inbound
 * events also reload the contact (for the full history), template events reload the list. When
 * the stream (re)opens, waiting sends go out and anything missed while away is reloaded.
 */
export function useLiveEvents() {
  const { api, outbox } = useServices();
  const connected = usePanelStore((s) => s.connection === 'connected');
  useEffect(() => {
    if (!connected) return;
    const { liveStatusChanged, connectionFailed } = usePanelStore.getState();
    let opened = false;
    const stream = openEventStream({
      url: `${api.serverUrl}/api/events`,
      token: usePanelStore.getState().settings?.token ?? '',
      onStatus(status) {
        if (status.state === 'open') {
          liveStatusChanged('live');
          void outbox.flush(true).then((r) => usePanelStore.getState().outboxFlushed(r));
          const phone = usePanelStore.getState().contactPhone;
          if (opened && phone) void loadContact(api, usePanelStore, phone, true);
          if (opened) void loadTemplates(api, usePanelStore);
          opened = true;
        } else if (status.state === 'stopped') {
          liveStatusChanged('off');
          connectionFailed('UNAUTHORIZED');
        } else {
          liveStatusChanged(status.state === 'connecting' ? 'connecting' : 'retrying');
        }
      },
      onMessage(m) {
        const event = parseLiveEvent(m.data);
        if (!event) return;
        const store = usePanelStore.getState();
        store.liveEventReceived(event);
        if ((event.type === 'consent.changed' || event.type === 'contact.inbound') && store.contact?.phone === event.phone && store.contactPhone) {
          void loadContact(api, usePanelStore, store.contactPhone, true);
        }
        if (event.type === 'template.changed') void loadTemplates(api, usePanelStore);
      },
    });
    return () => {
      stream.close();
      usePanelStore.getState().liveStatusChanged('off');
    };
  }, [api, outbox, connected]);
}
