import type { StateCreator } from 'zustand';
import type { FlushReport, OutboxEntry } from '../lib/outbox';
import type { PanelState } from './index';

export type OutboxSlice = {
  /** Sends waiting for the server, as stored. */
  outbox: OutboxEntry[];
  outboxChanged: (entries: OutboxEntry[]) => void;
  /** A retry round finished: sent messages are followed; the open draft learns its fate. */
  outboxFlushed: (report: FlushReport) => void;
};

export const createOutboxSlice: StateCreator<PanelState, [], [], OutboxSlice> = (set) => ({
  outbox: [],
  outboxChanged: (outbox) => set({ outbox }),
  outboxFlushed: (report) =>
    set((s) => {
      const messages = { ...s.messages };
      for (const { message } of report.sent) messages[message.id] = message;
      const mine = report.sent.find((r) => r.entry.key === s.draftKey);
      const refused = report.failed.find((r) => r.entry.key === s.draftKey);
      return {
        messages,
        outbox: report.waiting,
        ...(mine ? { send: { state: 'sent', messageId: mine.message.id, replayed: false } as const } : {}),
        ...(refused ? { send: { state: 'failed', error: refused.error } as const } : {}),
      };
    }),
});
