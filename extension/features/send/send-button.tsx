import { useId } from 'react';
import type { ConsentTopic } from '../../../shared/schemas/consent';
import { DisabledReason } from '../../components/disabled-reason';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { sendDraft } from './send-draft';
import type { SendBlock } from './send-gate';
import { useCtrlEnter } from './use-ctrl-enter';

/** Shown, not just disabled: the agent always learns why a send cannot happen. */
export function SendButton({ block, topic = null }: { block: SendBlock | null; topic?: ConsentTopic | null }) {
  const t = useT();
  const id = useId();
  const services = useServices();
  const send = usePanelStore((s) => s.send);
  const { newDraftStarted } = usePanelStore.getState();
  const go = () => void sendDraft(services, usePanelStore);
  useCtrlEnter(go);

  const label = send.state === 'sending' ? t('send.sending') : send.state === 'failed' ? t('send.retry') : t('send.button');
  // Sending and waiting in the outbox are shown by the status line itself, not as a refusal.
  const params = topic ? { topic: t(`topic.${topic}`) } : undefined;
  const reason = block && block !== 'SENDING' && block !== 'QUEUED' ? t(`block.${block}`, params) : null;

  return (
    <div className="send-area stack">
      <div className="row">
        <button
          type="button"
          className="primary send-button"
          onClick={go}
          disabled={block !== null}
          aria-describedby={reason ? `${id}-reason` : undefined}
          aria-keyshortcuts="Control+Enter"
          data-testid="send-button"
        >
          {label}
        </button>
        <span className="hint">{t('send.shortcut')}</span>
        {(send.state === 'sent' || send.state === 'failed') && (
          <button type="button" className="link" onClick={newDraftStarted} data-testid="new-draft">
            {t('send.newDraft')}
          </button>
        )}
      </div>
      <DisabledReason id={`${id}-reason`} reason={reason} testId="send-disabled-reason" />
      {send.state === 'failed' && (
        <p className="problem" role="alert" data-testid="send-error" data-code={send.error.code}>
          {describeError(t, send.error)}
        </p>
      )}
    </div>
  );
}
