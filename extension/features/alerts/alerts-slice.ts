/**
 * Template health alerts in the panel's store: the open ones from `GET /api/alerts`, kept current by
 * live `alert` events (a raised alert is added, a closed one — `resolvedAt` set — drops out).
 *
 * @module
 */
import type { StateCreator } from 'zustand';
import type { Alert } from '../../../shared/schemas/alert';
import type { PanelState } from '../../store';

export type AlertsSlice = {
  alerts: Alert[];
  alertsLoaded: (alerts: Alert[]) => void;
};

/** Newest first, open alerts only; an event for a known id replaces it. */
export function upsertAlert(list: readonly Alert[], alert: Alert): Alert[] {
  const rest = list.filter((a) => a.id !== alert.id);
  return alert.resolvedAt === null ? [alert, ...rest] : rest;
}

export const createAlertsSlice: StateCreator<PanelState, [], [], AlertsSlice> = (set) => ({
  alerts: [],
  alertsLoaded: (alerts) => set({ alerts: alerts.filter((a) => a.resolvedAt === null) }),
});
