import type { Message } from '../../../shared/schemas/message';
import { Icon } from '../../components/icon';
import { describeMetaFailure } from '../../i18n/describe';
import { langLocale } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { formatMoment } from '../../lib/format';
import { usePanelStore } from '../../store';
import { useMessagePoll } from './use-message-poll';
import './message-status.css';

const TICKS: Partial<Record<Message['status'], string>> = { sent: '✓', delivered: '✓✓', read: '✓✓' };

/** sent → delivered → read, or failed with Meta's reason in the agent's language. */
export function MessageStatusLine({ messageId, testId = 'message-status' }: { messageId: string; testId?: string }) {
  const t = useT();
  const message = usePanelStore((s) => s.messages[messageId]);
  const language = usePanelStore((s) => s.language);
  useMessagePoll(messageId);
  if (!message) return null;
  const at = message.history.at(-1)?.at ?? message.updatedAt;
  return (
    <div className={`message-status status-${message.status}`} data-testid={testId} data-status={message.status} role="status" aria-live="polite">
      <span className="ticks" aria-hidden="true">
        {TICKS[message.status] ?? <Icon name={message.status === 'failed' ? 'alert' : 'clock'} size={14} />}
      </span>
      <span className="status-text">{t(`status.${message.status}`)}</span>
      <span className="hint">{formatMoment(at, langLocale(language))}</span>
      {message.status === 'failed' && (
        <p className="problem" data-testid="message-failure" data-code={message.errorCode ?? ''}>
          {describeMetaFailure(t, message.errorCode, message.errorReason)}
        </p>
      )}
    </div>
  );
}

/** A stable empty list: a selector returning a new `[]` each time would re-render forever. */
const NO_MESSAGES: Message[] = [];

/** The contact's recent messages (from any agent), newest first. */
export function RecentMessages() {
  const t = useT();
  const messages = usePanelStore((s) => s.contact?.messages ?? NO_MESSAGES);
  const tracked = usePanelStore((s) => s.messages);
  if (messages.length === 0) return null;
  return (
    <details className="recent-messages">
      <summary>{t('status.recent', { count: messages.length })}</summary>
      <ul>
        {messages.slice(0, 10).map((m) => {
          const current = tracked[m.id] ?? m;
          return (
            <li key={m.id}>
              <span className="recent-text">{m.template ? m.template.name : m.preview.body.slice(0, 60)}</span>{' '}
              <span className={`badge status-${current.status}`}>{t(`status.${current.status}`)}</span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
