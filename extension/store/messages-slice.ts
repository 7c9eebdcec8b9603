import type { StateCreator } from 'zustand';
import type { Message, MessageStatus } from '../../shared/schemas/message';
import type { PanelState } from './index';

export type MessagesSlice = {
  /** Messages this panel sent or follows, by id; statuses only move forward. */
  messages: Record<string, Message>;
  messageTracked: (message: Message) => void;
};

const RANK: Record<MessageStatus, number> = { unknown: -1, queued: 0, sending: 1, accepted: 2, sent: 3, delivered: 4, read: 5, failed: 6 };

/**
 * Webhooks arrive out of order (Meta does not promise order): `delivered` after `read` must not
 * move the message back. `failed` is final; `unknown` never replaces what we know.
 */
export function laterStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  if (current === 'failed') return current;
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/** Merges a fresher copy (a poll, a replay) into what the panel has, never moving the status back. */
export function mergeMessage(current: Message | undefined, incoming: Message): Message {
  if (!current) return incoming;
  const status = laterStatus(current.status, incoming.status);
  return status === incoming.status ? incoming : { ...incoming, status, errorCode: current.errorCode, errorReason: current.errorReason };
}

export const createMessagesSlice: StateCreator<PanelState, [], [], MessagesSlice> = (set) => ({
  messages: {},
  messageTracked: (message) => set((s) => ({ messages: { ...s.messages, [message.id]: mergeMessage(s.messages[message.id], message) } })),
});
