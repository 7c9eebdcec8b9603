import type { StateCreator } from 'zustand';
import type { ApiTemplate } from '../../shared/schemas/api-template';
import type { Message } from '../../shared/schemas/message';
import type { TicketContext } from '../../shared/schemas/ticket-context';
import { formVariables, prefillInputs, type PrefillSource } from '../features/variables-form/prefill';
import type { ApiFailure } from '../lib/api-client';
import { RECENT_LIMIT, templateKey } from '../lib/template-key';
import type { PanelState } from './index';

export type SendState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'queued' } // waiting in the outbox for the server
  | { state: 'sent'; messageId: string; replayed: boolean }
  | { state: 'failed'; error: ApiFailure };

export type ComposeSlice = {
  template: ApiTemplate | null;
  inputs: Record<string, string>;
  sources: Record<string, PrefillSource>;
  /** One idempotency key per draft: retries and double clicks reuse it, so the server sends once. */
  draftKey: string;
  /** Whether `draftKey` has been sent to the server at least once. */
  draftAttempted: boolean;
  send: SendState;
  templateChosen: (template: ApiTemplate) => void;
  variableEdited: (key: string, text: string) => void;
  templateCleared: () => void;
  sendStarted: () => void;
  sendSucceeded: (message: Message, replayed: boolean) => void;
  sendQueued: () => void;
  sendFailed: (error: ApiFailure) => void;
  newDraftStarted: () => void;
};


/** A new draft of `state.template` for `ticket`: re-filled from the ticket, a new key, nothing sent. */
export function freshDraft(state: PanelState, ticket: TicketContext | null, contactName: string | null): Partial<PanelState> {
  const prefill = state.template ? prefillInputs(state.template, ticket, contactName) : { inputs: {}, sources: {} };
  return { ...prefill, draftKey: state.makeKey(), draftAttempted: false, send: { state: 'idle' } };
}

/** Once a draft has a final answer (sent, or refused), changing it makes a new draft with a new key. */
const finished = (s: PanelState) => s.send.state === 'sent' || s.send.state === 'failed';

export const createComposeSlice: StateCreator<PanelState, [], [], ComposeSlice> = (set) => ({
  template: null,
  inputs: {},
  sources: {},
  draftKey: '',
  draftAttempted: false,
  send: { state: 'idle' },
  templateChosen: (template) =>
    set((s) => {
      const key = templateKey(template);
      const next = { ...s, template };
      return {
        template,
        ...freshDraft(next, s.ticket, s.contact?.name ?? null),
        recents: [key, ...s.recents.filter((k) => k !== key)].slice(0, RECENT_LIMIT),
      };
    }),
  variableEdited: (key, text) =>
    set((s) => {
      if (s.send.state === 'sending' || s.send.state === 'queued') return {};
      const sources = { ...s.sources };
      delete sources[key];
      const inputs = { ...s.inputs, [key]: text };
      return finished(s)
        ? { inputs, sources, draftKey: s.makeKey(), draftAttempted: false, send: { state: 'idle' } }
        : { inputs, sources };
    }),
  templateCleared: () =>
    set({ template: null, inputs: {}, sources: {}, draftKey: '', draftAttempted: false, send: { state: 'idle' } }),
  sendStarted: () => set({ send: { state: 'sending' }, draftAttempted: true }),
  sendSucceeded: (message, replayed) =>
    set((s) => ({ send: { state: 'sent', messageId: message.id, replayed }, messages: { ...s.messages, [message.id]: message } })),
  sendQueued: () => set({ send: { state: 'queued' }, draftAttempted: true }),
  sendFailed: (error) => set({ send: { state: 'failed', error } }),
  newDraftStarted: () => set((s) => freshDraft(s, s.ticket, s.contact?.name ?? null)),
});

/** Empty name fields take the contact's name once the server knows it (the ticket had none). */
export function withContactName(state: PanelState, name: string): Partial<PanelState> {
  if (!state.template || state.send.state !== 'idle') return {};
  const inputs = { ...state.inputs };
  const sources = { ...state.sources };
  let changed = false;
  // Like prefillInputs: only the first name variable is the customer's name.
  const first = formVariables(state.template).find((v) => v.kind === 'name');
  if (first && !inputs[first.key]) {
    inputs[first.key] = name;
    sources[first.key] = 'contact_name';
    changed = true;
  }
  return changed ? { inputs, sources } : {};
}
