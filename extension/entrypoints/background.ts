import { browser, defineBackground } from '#imports';
import { startReplyRelay } from '../lib/reply-relay';
import { startTicketKeeper } from '../lib/ticket-keeper';

// The worker is disposable (MV3): listeners are registered synchronously on every start, and all
// state lives in extension storage.
export default defineBackground(() => {
  // Opening the side panel from the toolbar icon.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true });
  // Tickets read by the helpdesk content script, kept per tab for the panel.
  startTicketKeeper();
  // "Insert into reply": the panel's text, relayed to the ticket tab's content script.
  startReplyRelay();
});
