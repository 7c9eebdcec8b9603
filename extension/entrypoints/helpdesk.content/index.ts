import { defineContentScript } from '#imports';
import { VENDOR_MATCHES } from '../../helpdesks/registry';
import { startReplyInserter } from './reply-inserter';
import { startTicketWatcher } from './ticket-watcher';

/**
 * Reads the ticket on helpdesk pages and reports it to the background.
 *
 * Registered for the vendors' agent apps only (minimal host access, no `<all_urls>`). On any other
 * page the background injects this same file on demand, through `activeTab` + `scripting`, when
 * the agent asks the panel to read the page; there the generic adapter reads it.
 */
export default defineContentScript({
  matches: [...VENDOR_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    startTicketWatcher(ctx);
    startReplyInserter(ctx);
  },
});
