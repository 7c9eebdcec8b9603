/**
 * Where a message's status may go next. Meta delivers status webhooks at least once and in no
 * particular order (reference §5.7), and our own outbox races them (a `sent` webhook can beat the
 * Graph response that says `accepted`), so every writer asks the ladder instead of assigning.
 *
 * queued < sending < accepted < sent < delivered < read — forward only, jumps allowed (`read`
 * may come without `delivered`). `failed` is final; it may follow anything up to `sent` (Meta
 * fails a message after `sent`, never after `delivered`). `unknown` (the Graph call's outcome was
 * lost) is resolved by any later webhook.
 * @module
 */
import type { MessageStatus } from '../../shared/schemas/live-event';

const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  accepted: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
  unknown: 1,
};

/** True when a message in `from` may move to `to`. A repeat (`from === to`) is never a move. */
export function canMove(from: MessageStatus, to: MessageStatus): boolean {
  if (from === to || from === 'failed') return false;
  if (to === 'failed') return RANK[from] <= RANK.sent;
  if (to === 'unknown') return from === 'sending';
  // Our own retry path: a retryable Graph error puts a `sending` message back in the queue.
  if (to === 'queued') return from === 'sending';
  return RANK[to] > RANK[from];
}

/** Meta's status names → ours. `played` (voice notes) and anything new are ignored. */
export function fromMetaStatus(status: string): MessageStatus | null {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'read':
    case 'failed':
      return status;
    default:
      return null;
  }
}
