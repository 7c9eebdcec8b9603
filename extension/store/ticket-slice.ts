import type { StateCreator } from 'zustand';
import type { Contact } from '../../shared/schemas/contact';
import type { TicketContext } from '../../shared/schemas/ticket-context';
import type { ApiFailure } from '../lib/api-client';
import { freshDraft, withContactName } from './compose-slice';
import type { PanelState } from './index';

export type ContactLoad = 'idle' | 'loading' | 'ready' | 'failed';

export type TicketSlice = {
  ticket: TicketContext | null;
  /** What the phone field shows: the ticket's number, or what the agent typed over it. */
  phoneInput: string;
  phoneSource: 'ticket' | 'agent' | null;
  contact: Contact | null;
  /** The phone `contact` (or the running request) is for. */
  contactPhone: string | null;
  contactState: ContactLoad;
  contactError: ApiFailure | null;
  ticketDetected: (ticket: TicketContext | null) => void;
  phoneEdited: (text: string) => void;
  contactRequested: (phone: string) => void;
  contactLoaded: (phone: string, contact: Contact) => void;
  contactFailed: (phone: string, error: ApiFailure) => void;
};

/** Two reads of the same ticket (a re-scan, a tab switch back) keep what the agent typed. */
export const ticketIdentity = (t: TicketContext | null): string | null => (t ? `${t.helpdesk}|${t.ticketId ?? t.url}` : null);

/** The number to use from a ticket: the profile's phone, else the best candidate the adapter found. */
export const ticketPhone = (t: TicketContext | null): string => t?.customer.phone ?? t?.phoneCandidates[0]?.e164 ?? '';

const noContact = { contact: null, contactPhone: null, contactState: 'idle' as const, contactError: null };

export const createTicketSlice: StateCreator<PanelState, [], [], TicketSlice> = (set) => ({
  ticket: null,
  phoneInput: '',
  phoneSource: null,
  ...noContact,
  ticketDetected: (ticket) =>
    set((s) => {
      if (ticketIdentity(ticket) === ticketIdentity(s.ticket)) {
        // Same ticket re-read: refresh what was read, keep the agent's phone if they typed one.
        if (s.phoneSource === 'agent') return { ticket };
        const phone = ticketPhone(ticket);
        return phone === s.phoneInput ? { ticket } : { ticket, phoneInput: phone, phoneSource: phone ? 'ticket' : null, ...noContact };
      }
      // Another ticket: nothing typed for the previous customer may leak into this one — nor their QR
      // code, hand-off or "recorded" confirmation, which would read as the new customer's.
      const phone = ticketPhone(ticket);
      return {
        ticket,
        phoneInput: phone,
        phoneSource: phone ? 'ticket' : null,
        ...noContact,
        optin: null,
        handoff: null,
        lastRecord: null,
        ...freshDraft(s, ticket, null),
      };
    }),
  phoneEdited: (text) =>
    set((s) => ({
      phoneInput: text,
      phoneSource: 'agent',
      ...(s.send.state === 'sent' || s.send.state === 'failed' ? freshDraft(s, s.ticket, null) : {}),
    })),
  contactRequested: (phone) => set({ contactPhone: phone, contactState: 'loading', contactError: null }),
  contactLoaded: (phone, contact) =>
    set((s) => {
      if (s.contactPhone !== phone) return {};
      // The server's name fills an empty name variable when the ticket had none.
      const refill = contact.name ? withContactName(s, contact.name) : {};
      return { contact, contactState: 'ready', contactError: null, ...refill };
    }),
  contactFailed: (phone, error) => set((s) => (s.contactPhone === phone ? { contact: null, contactState: 'failed', contactError: error } : {})),
});
