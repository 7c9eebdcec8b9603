import { useEffect } from 'react';
import type { MessageStatus } from '../../../shared/schemas/message';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';

const FINAL: ReadonlySet<MessageStatus> = new Set(['read', 'failed']);
const POLL_MS = 2500;

/**
 * Live updates come over SSE; while that stream is down the message is polled with
 * `GET /api/messages/:id` until it reaches a final status.
 */
export function useMessagePoll(messageId: string | null) {
  const { api } = useServices();
  const live = usePanelStore((s) => s.live === 'live');
  const status = usePanelStore((s) => (messageId ? s.messages[messageId]?.status : undefined));
  useEffect(() => {
    if (!messageId || live || !status || FINAL.has(status)) return;
    const timer = setInterval(async () => {
      const result = await api.message(messageId);
      if (result.ok) usePanelStore.getState().messageTracked(result.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, messageId, live, status]);
}
