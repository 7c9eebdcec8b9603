/**
 * What each server event changes in the panel. Events carry enough to update without a refetch;
 * the live hook still refetches the contact after consent and inbound events so the history list
 * is complete.
 *
 * @module
 */
import type { LiveEvent } from '../../shared/schemas/live-event';
import { upsertAlert } from '../features/alerts/alerts-slice';
import { laterStatus } from './messages-slice';
import type { PanelState } from './index';

export function applyLiveEvent(s: PanelState, event: LiveEvent): Partial<PanelState> {
  switch (event.type) {
    case 'message.status': {
      const current = s.messages[event.messageId];
      if (!current) return {};
      const status = laterStatus(current.status, event.status);
      if (status === current.status) return {};
      const failure = status === 'failed' ? { errorCode: event.errorCode ?? null, errorReason: event.errorReason ?? null } : {};
      return {
        messages: {
          ...s.messages,
          [current.id]: { ...current, status, ...failure, updatedAt: event.at, history: [...current.history, { status, at: event.at, errorCode: event.errorCode ?? null }] },
        },
      };
    }
    case 'consent.changed': {
      if (!s.contact || s.contact.phone !== event.phone) return {};
      return { contact: { ...s.contact, consent: { ...s.contact.consent, status: event.status, updatedAt: event.at } } };
    }
    case 'contact.inbound': {
      if (!s.contact || s.contact.phone !== event.phone) return {};
      return { contact: { ...s.contact, window: { open: true, expiresAt: event.windowExpiresAt }, nextTemplatePrice: 'free' } };
    }
    case 'optin.confirmed':
      return s.optin?.code === event.code ? { optin: { ...s.optin, confirmedPhone: event.phone, confirmedAt: event.at } } : {};
    case 'handoff.linked':
      return s.handoff?.id === event.handoffId
        ? { handoff: { ...s.handoff, status: 'linked', linkedWaId: event.phone.replace(/^\+/, ''), linkedAt: event.at } }
        : {};
    case 'template.changed': {
      const usable = (t: { status: string; category: string; usable: boolean }) =>
        event.status.toUpperCase() === 'APPROVED' && event.category.toUpperCase() === 'UTILITY' ? t.usable : false;
      const matches = (t: { name: string; language: string }) => t.name === event.name && t.language === event.language;
      const templates = s.templates.map((t) => (matches(t) ? { ...t, usable: usable(t) } : t));
      const template = s.template && matches(s.template) ? { ...s.template, usable: usable(s.template) } : s.template;
      return { templates, template };
    }
    case 'alert':
      return { alerts: upsertAlert(s.alerts, event.alert) };
  }
}
