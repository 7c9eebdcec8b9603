import { useId, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DisabledReason } from '../../components/disabled-reason';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import type { ApiFailure } from '../../lib/api-client';
import { isRetryable } from '../../lib/outbox';
import { useServices } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import { usePanelStore } from '../../store';
import { MessageStatusLine } from '../message-status/message-status';
import { replySendBlock } from '../send/send-gate';
import './reply-box.css';

/** Free-form text, allowed by WhatsApp only inside the 24-hour window the customer opened. */
export function ReplyBox() {
  const t = useT();
  const id = useId();
  const services = useServices();
  const s = usePanelStore(
    useShallow((st) => ({
      connection: st.connection,
      phoneInput: st.phoneInput,
      contact: st.contact,
      contactState: st.contactState,
      contactError: st.contactError,
      ticket: st.ticket,
    })),
  );
  const [text, setText] = useState('');
  const [key, setKey] = useState(() => usePanelStore.getState().makeKey());
  const [sending, setSending] = useState(false);
  const [sentId, setSentId] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [queued, setQueued] = useState(false);

  const block = replySendBlock({
    connection: s.connection,
    phone: s.phoneInput,
    contact: s.contact,
    contactState: s.contactState,
    contactError: s.contactError,
    text,
    sending,
    now: Date.now(),
  });

  async function send() {
    if (block) return;
    setSending(true);
    setError(null);
    const ticket = ticketRef(s.ticket);
    const input = { phone: s.contact?.phone ?? s.phoneInput.trim(), text: text.trim(), ...(ticket ? { ticket } : {}) };
    const result = await services.api.sendMessage(input, key);
    setSending(false);
    if (result.ok) {
      usePanelStore.getState().messageTracked(result.value.message);
      setSentId(result.value.message.id);
      setText('');
      setKey(usePanelStore.getState().makeKey());
    } else if (isRetryable(result.error)) {
      usePanelStore.getState().outboxChanged(await services.outbox.enqueue(input, key, input.text.slice(0, 40)));
      setQueued(true);
      setText('');
      setKey(usePanelStore.getState().makeKey());
    } else {
      setError(result.error);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault(); // keeps the template's Ctrl+Enter from firing too
      void send();
    }
  }

  const reason = block && block !== 'SENDING' && block !== 'EMPTY_TEXT' ? t(`block.${block}`) : null;
  return (
    <section className="reply-box stack" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-text`}>
        {t('reply.title')}
      </label>
      <textarea
        id={`${id}-text`}
        rows={3}
        value={text}
        maxLength={4096}
        onChange={(e) => {
          setText(e.target.value);
          if (error) {
            setError(null);
            setKey(usePanelStore.getState().makeKey()); // an edited text is a new message
          }
        }}
        onKeyDown={onKeyDown}
        disabled={block === 'WINDOW_CLOSED' || block === 'OPTED_OUT'}
        aria-describedby={reason ? `${id}-reason` : undefined}
        data-testid="reply-text"
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void send()} disabled={block !== null} data-testid="reply-send">
          {sending ? t('send.sending') : t('reply.send')}
        </button>
        <span className="hint">{t('send.shortcut')}</span>
      </div>
      <DisabledReason id={`${id}-reason`} reason={reason} testId="reply-disabled-reason" />
      {error && (
        <p className="problem" role="alert" data-testid="reply-error">
          {describeError(t, error)}
        </p>
      )}
      {queued && <p className="badge warn wrap">{t('send.queued')}</p>}
      {sentId && <MessageStatusLine messageId={sentId} testId="reply-status" />}
    </section>
  );
}
