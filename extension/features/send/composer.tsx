import { useShallow } from 'zustand/react/shallow';
import { describeProblem } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { usePanelStore } from '../../store';
import { MessageStatusLine } from '../message-status/message-status';
import { MessagePreview, serverLinksOf } from '../preview/message-preview';
import { readableName } from '../template-picker/template-row';
import { VariablesForm } from '../variables-form/variables-form';
import { useDraft } from '../variables-form/use-draft';
import { SendButton } from './send-button';
import { templateSendBlock } from './send-gate';
import './composer.css';

/** The chosen template: its variables, the bubble preview, Send and the live status. */
export function Composer() {
  const t = useT();
  const template = usePanelStore((s) => s.template);
  const inputs = usePanelStore((s) => s.inputs);
  const send = usePanelStore((s) => s.send);
  const attempted = usePanelStore((s) => s.draftAttempted);
  const facts = usePanelStore(
    useShallow((s) => ({ connection: s.connection, phoneInput: s.phoneInput, contact: s.contact, contactState: s.contactState, contactError: s.contactError })),
  );
  const draft = useDraft(template, inputs);
  const { templateCleared } = usePanelStore.getState();

  const block = templateSendBlock({
    connection: facts.connection,
    phone: facts.phoneInput,
    contact: facts.contact,
    contactState: facts.contactState,
    contactError: facts.contactError,
    send,
    hasTemplate: !!template,
    templateUsable: template?.usable ?? false,
    templateTopic: template?.topic ?? null,
    problemCount: draft?.problems.length ?? 0,
    missingCount: draft?.problems.filter((p) => p.code === 'MISSING').length ?? 0,
  });

  if (!template || !draft) {
    return <SendButton block={block} />;
  }
  const message = draft.render.ok ? draft.render.message : draft.render.draft;
  const wholeText = draft.problems.filter((p) => p.key === 'body' || (p.key === 'header' && p.code === 'HEADER_TOO_LONG'));

  return (
    <section className="composer stack" aria-label={t('compose.title')}>
      <div className="row composer-head">
        <h2 className="composer-title" data-testid="chosen-template">
          {readableName(template.name)} <span className="badge">{template.language}</span>
        </h2>
        <button type="button" className="link" onClick={templateCleared} disabled={send.state === 'sending'}>
          {t('compose.change')}
        </button>
      </div>
      <VariablesForm template={template} problems={draft.problems} showMissing={attempted || send.state !== 'idle'} />
      <MessagePreview message={message} complete={draft.problems.length === 0} serverLinks={serverLinksOf(template)} />
      {wholeText.length > 0 && (
        <p className="problem">{wholeText.map((p) => describeProblem(t, p)).join(' ')}</p>
      )}
      <SendButton block={block} topic={template.topic} />
      {send.state === 'queued' && (
        <p className="badge warn wrap" role="status" data-testid="send-queued">
          {t('send.queued')}
        </p>
      )}
      {send.state === 'sent' && <MessageStatusLine messageId={send.messageId} />}
    </section>
  );
}
