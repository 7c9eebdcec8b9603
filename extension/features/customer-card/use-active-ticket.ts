import { useEffect } from 'react';
import { watchActiveTicket } from '../../lib/ticket-store';
import { usePanelStore } from '../../store';

/** The panel follows the active tab's ticket (read by the content script, kept by the background). */
export function useActiveTicket() {
  useEffect(() => watchActiveTicket((ticket) => usePanelStore.getState().ticketDetected(ticket)), []);
}
