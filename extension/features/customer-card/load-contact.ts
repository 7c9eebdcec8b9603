import type { ApiClient } from '../../lib/api-client';
import type { PanelStore } from '../../store';

/**
 * Loads the contact for `phone` into the store. `quiet` refreshes what is on screen (after a live
 * event) without flashing the loading state.
 */
export async function loadContact(api: ApiClient, store: PanelStore, phone: string, quiet = false): Promise<void> {
  if (!quiet) store.getState().contactRequested(phone);
  else if (store.getState().contactPhone !== phone) return;
  const result = await api.contact(phone);
  const state = store.getState();
  if (result.ok) state.contactLoaded(phone, result.value);
  else if (!quiet) state.contactFailed(phone, result.error);
}
