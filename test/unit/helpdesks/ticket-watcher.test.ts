// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import type { WatcherContext } from '../../../extension/entrypoints/helpdesk.content/ticket-watcher';
import { startTicketWatcher } from '../../../extension/entrypoints/helpdesk.content/ticket-watcher';
import { openFixture } from './fixture-page';

const TICKET_1 = 'https://acme.zendesk.com/agent/tickets/4711';

/** WXT's context with timers we fire by hand, so no test waits on the clock. */
function fakeContext() {
  const timers: Array<() => void> = [];
  const onInvalidated: Array<() => void> = [];
  const onLocationChange: Array<() => void> = [];
  const ctx: WatcherContext = {
    setTimeout: (handler) => timers.push(handler),
    onInvalidated: (cb) => {
      onInvalidated.push(cb);
      return () => {};
    },
    addEventListener: (_target, _type, handler) => void onLocationChange.push(handler),
  };
  return {
    ctx,
    pendingReads: () => timers.length,
    fireTimers: () => timers.splice(0).forEach((handler) => handler()),
    locationChanged: () => onLocationChange.forEach((handler) => handler()),
    invalidate: () => onInvalidated.forEach((cb) => cb()),
  };
}

let fake: ReturnType<typeof fakeContext>;
let published: Array<TicketContext | null>;
let reads: number;
let publish: (ticket: TicketContext | null) => Promise<unknown>;
let readRequest: (() => void) | undefined;
const stopReadRequests = vi.fn();

function start() {
  startTicketWatcher(fake.ctx, {
    doc: document,
    win: window as Window & typeof globalThis,
    now: () => ++reads,
    publish: (ticket) => publish(ticket),
    onReadRequest: (handler) => {
      readRequest = handler;
      return stopReadRequests;
    },
  });
}

beforeEach(() => {
  openFixture('zendesk', 'ticket.html', TICKET_1);
  fake = fakeContext();
  published = [];
  reads = 0;
  publish = async (ticket) => published.push(ticket);
  stopReadRequests.mockClear();
  start();
});

describe('helpdesk content script: ticket watcher', () => {
  it('reports the ticket on screen when it starts', () => {
    expect(published.map((t) => t?.ticketId)).toEqual(['4711']);
  });

  it('reports ticket 2 after an in-app switch, with one read for the whole burst of DOM changes', async () => {
    document.getElementById('next-ticket')?.click();
    await vi.waitFor(() => expect(fake.pendingReads()).toBe(1));
    fake.fireTimers();
    expect(published.map((t) => [t?.ticketId, t?.customer.name])).toEqual([
      ['4711', 'Ayşe Yılmaz'],
      ['4712', 'Zeynep Çelik'],
    ]);
    expect(published[1]?.url).toBe('https://acme.zendesk.com/agent/tickets/4712');
  });

  it('sends nothing when a re-read finds the same ticket', async () => {
    document.querySelector('nav')?.append(' · 3 yeni bildirim');
    await vi.waitFor(() => expect(fake.pendingReads()).toBe(1));
    fake.fireTimers();
    expect(reads).toBe(2);
    expect(published).toHaveLength(1);
  });

  it('reports "no ticket" after navigating to a view without one', () => {
    history.pushState({}, '', '/agent/dashboard');
    fake.locationChanged();
    fake.fireTimers();
    expect(published.at(-1)).toBeNull();
  });

  it("reads again on the background's request, even when nothing changed", () => {
    readRequest?.();
    expect(published.map((t) => t?.ticketId)).toEqual(['4711', '4711']);
  });

  it('retries a delivery that failed on the next change', async () => {
    publish = () => Promise.reject(new Error('Extension context invalidated.'));
    readRequest?.();
    await Promise.resolve();
    publish = async (ticket) => published.push(ticket);
    document.querySelector('nav')?.append(' · yeniden bağlandı');
    await vi.waitFor(() => expect(fake.pendingReads()).toBe(1));
    fake.fireTimers();
    expect(published.map((t) => t?.ticketId)).toEqual(['4711', '4711']);
  });

  it('stops watching once the extension context is invalidated', async () => {
    fake.invalidate();
    expect(stopReadRequests).toHaveBeenCalledOnce();
    document.getElementById('next-ticket')?.click();
    fake.locationChanged();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.pendingReads()).toBe(0);
    expect(published).toHaveLength(1);
  });
});
