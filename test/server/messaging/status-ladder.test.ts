import { describe, expect, it } from 'vitest';
import { canMove, fromMetaStatus } from '../../../server/core/status-ladder';
import type { MessageStatus } from '../../../shared/schemas/message';

describe('canMove (the status ladder)', () => {
  it.each<[MessageStatus, MessageStatus, boolean]>([
    ['queued', 'sending', true],
    ['sending', 'accepted', true],
    ['sending', 'queued', true], // a retryable Graph error
    ['accepted', 'queued', false],
    ['accepted', 'sent', true],
    ['accepted', 'read', true], // read may come without delivered
    ['sending', 'sent', true], // the webhook beat the Graph response
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['read', 'delivered', false], // late event
    ['delivered', 'sent', false],
    ['sent', 'sent', false], // repeat
    ['read', 'read', false],
    ['sent', 'failed', true], // Meta fails a message after sent
    ['accepted', 'failed', true],
    ['delivered', 'failed', false],
    ['read', 'failed', false],
    ['failed', 'read', false], // failed is final
    ['failed', 'failed', false],
    ['sending', 'unknown', true],
    ['accepted', 'unknown', false],
    ['unknown', 'sent', true], // a late webhook resolves an unknown message
    ['unknown', 'read', true],
    ['unknown', 'failed', true],
    ['unknown', 'queued', false], // never resent
  ])('%s → %s: %s', (from, to, expected) => {
    expect(canMove(from, to)).toBe(expected);
  });
});

describe('fromMetaStatus', () => {
  it.each([
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['failed', 'failed'],
    ['played', null],
    ['deleted', null],
    ['', null],
  ])('%s → %s', (meta, ours) => {
    expect(fromMetaStatus(meta)).toBe(ours);
  });
});
