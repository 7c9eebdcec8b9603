import type { StateCreator } from 'zustand';
import type { ConsentRecord, ConsentWording, OptinCode } from '../../shared/schemas/consent';
import type { Handoff } from '../../shared/schemas/handoff';
import type { PanelState } from './index';

export type PendingOptin = OptinCode & { phone: string | null; confirmedPhone: string | null; confirmedAt: number | null };

export type ConsentSlice = {
  wordings: ConsentWording[];
  /** The QR opt-in on screen, confirmed live when the customer's message with its code arrives. */
  optin: PendingOptin | null;
  handoff: Handoff | null;
  /** The newest record this agent made, for the "recorded" confirmation. */
  lastRecord: ConsentRecord | null;
  wordingsLoaded: (wordings: ConsentWording[]) => void;
  consentRecorded: (record: ConsentRecord) => void;
  optinCodeCreated: (code: OptinCode, phone: string | null) => void;
  optinCodeConfirmed: (code: string, phone: string, at: number) => void;
  optinClosed: () => void;
  handoffCreated: (handoff: Handoff) => void;
  handoffClosed: () => void;
};

export const createConsentSlice: StateCreator<PanelState, [], [], ConsentSlice> = (set) => ({
  wordings: [],
  optin: null,
  handoff: null,
  lastRecord: null,
  wordingsLoaded: (wordings) => set({ wordings }),
  consentRecorded: (record) => set({ lastRecord: record }),
  optinCodeCreated: (code, phone) => set({ optin: { ...code, phone, confirmedPhone: null, confirmedAt: null } }),
  optinCodeConfirmed: (code, phone, at) =>
    set((s) => (s.optin?.code === code ? { optin: { ...s.optin, confirmedPhone: phone, confirmedAt: at } } : {})),
  optinClosed: () => set({ optin: null }),
  handoffCreated: (handoff) => set({ handoff }),
  handoffClosed: () => set({ handoff: null }),
});
