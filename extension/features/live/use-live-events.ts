import { useEffect } from 'react';
import { openEventStream } from '../../lib/event-stream';
import { parseLiveEvent } from '../../lib/parse-live-event';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { loadTemplates } from '../template-picker/use-templates';

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
