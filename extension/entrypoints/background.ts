import { browser, defineBackground } from '#imports';
import { startTicketKeeper } from '../lib/ticket-keeper';

// The worker is disposable (MV3): listeners are registered synchronously on every start, and all
// state lives in extension storage.
export default defineBackground(() => {
  // Opening the side panel from the toolbar icon.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true });
  // Tickets read by the helpdesk content script, kept per tab for the panel.
  startTicketKeeper();
});
