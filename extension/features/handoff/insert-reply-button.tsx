import { useEffect, useState } from 'react';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import type { InsertReplyFailure } from '../../lib/messaging';
import { insertIntoActiveReply } from '../../lib/ticket-store';
import { usePanelStore } from '../../store';
import './handoff.css';

type Outcome = { state: 'idle' } | { state: 'busy' } | { state: 'done' } | { state: 'failed'; reason: InsertReplyFailure };

const FAILURE: Partial<Record<InsertReplyFailure, MessageKey>> = {
  no_reply_box: 'insertReply.failed.no_reply_box',
  ticket_changed: 'insertReply.failed.ticket_changed',
};

/**
 * Puts `text` (a wa.me link) into the reply the agent is writing in the helpdesk, at the caret,
 * without sending it. Shown only where the ticket tab's adapter knows the reply box; elsewhere the
 * agent copies the link. Meant for a `.row` beside the copy button: the note takes a line of its own.
 */
export function InsertReplyButton({ text, testId }: { text: string; testId: string }) {
  const t = useT();
  const ticket = usePanelStore((s) => s.ticket);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  useEffect(() => setOutcome({ state: 'idle' }), [text, ticket?.ticketId]);
  if (!ticket?.canInsertReply) return null;

  async function insert() {
    if (!ticket) return;
    setOutcome({ state: 'busy' });
    const r = await insertIntoActiveReply(text, { helpdesk: ticket.helpdesk, ticketId: ticket.ticketId, url: ticket.url });
    setOutcome(r.ok ? { state: 'done' } : { state: 'failed', reason: r.reason });
  }

  const note =
    outcome.state === 'done' ? t('insertReply.done') : outcome.state === 'failed' ? t(FAILURE[outcome.reason] ?? 'insertReply.failed.other') : '';
  return (
    <>
      <button type="button" onClick={() => void insert()} disabled={outcome.state === 'busy'} data-testid={testId}>
        {outcome.state === 'busy' ? t('insertReply.inserting') : t('insertReply.button')}
      </button>
      <p
        className={`insert-reply-note ${outcome.state === 'failed' ? 'problem' : 'ok-note'}`}
        role="status"
        aria-live="polite"
        data-testid={`${testId}-result`}
        data-state={outcome.state}
        hidden={note === ''}
      >
        {note}
      </p>
    </>
  );
}
