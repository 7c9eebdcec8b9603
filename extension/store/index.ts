/**
 * The side panel's one store, combined from slices (zustand's slices pattern). Actions are named
 * for what happened (`ticketDetected`, `sendSucceeded`), not as setters. Side effects (API calls,
 * storage) live in feature hooks, which report back through these actions.
 *
 * @module
 */
import { create } from 'zustand';
import type { LiveEvent } from '../../shared/schemas/live-event';
import { createAlertsSlice, type AlertsSlice } from '../features/alerts/alerts-slice';
import { detectLanguage, type Lang } from '../i18n/translate';
import { createComposeSlice, type ComposeSlice } from './compose-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createConsentSlice, type ConsentSlice } from './consent-slice';
import { applyLiveEvent } from './live-events';
import { createMessagesSlice, type MessagesSlice } from './messages-slice';
import { createOutboxSlice, type OutboxSlice } from './outbox-slice';
import { createTemplatesSlice, type TemplatesSlice } from './templates-slice';
import { createTicketSlice, type TicketSlice } from './ticket-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type PanelState = ConnectionSlice &
  UiSlice &
  TicketSlice &
  TemplatesSlice &
  ComposeSlice &
  MessagesSlice &
  ConsentSlice &
  OutboxSlice &
  AlertsSlice & {
    /** Makes a new idempotency key (injected so tests can predict keys). */
    makeKey: () => string;
    liveEventReceived: (event: LiveEvent) => void;
  };

export type PanelStoreOptions = { language?: Lang; makeKey?: () => string };

export const createPanelStore = (options: PanelStoreOptions = {}) =>
  create<PanelState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createUiSlice(options.language ?? detectLanguage(globalThis.navigator?.language))(...a),
    ...createTicketSlice(...a),
    ...createTemplatesSlice(...a),
    ...createComposeSlice(...a),
    ...createMessagesSlice(...a),
    ...createConsentSlice(...a),
    ...createOutboxSlice(...a),
    ...createAlertsSlice(...a),
    makeKey: options.makeKey ?? (() => crypto.randomUUID()),
    liveEventReceived: (event) => a[0]((s) => applyLiveEvent(s, event)),
  }));

export type PanelStore = ReturnType<typeof createPanelStore>;

/** The store the panel and options page render from (one per extension page). */
export const usePanelStore = createPanelStore();

export const useLanguage = () => usePanelStore((s) => s.language);
export const useTicket = () => usePanelStore((s) => s.ticket);
export const useContact = () => usePanelStore((s) => s.contact);
export const useTemplate = () => usePanelStore((s) => s.template);
export const useSendState = () => usePanelStore((s) => s.send);
export const useActions = () => usePanelStore.getState();
