import { useEffect, useId, useState } from 'react';
import type { HandoffChannel } from '../../../shared/schemas/handoff';
import { CopyButton } from '../../components/copy-button';
import { DisabledReason } from '../../components/disabled-reason';
import { QrImage } from '../../components/qr-image';
import { describeError } from '../../i18n/describe';
import type { Lang } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import type { ApiFailure } from '../../lib/api-client';
import { useServices } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import { usePanelStore } from '../../store';
import { looksDialable } from '../customer-card/use-contact-loader';
import { MessageStatusLine } from '../message-status/message-status';
import './handoff.css';
import { InsertReplyButton } from './insert-reply-button';

const CHANNELS = ['email', 'chat', 'phone', 'web_form', 'social', 'in_person', 'other'] as const satisfies readonly HandoffChannel[];
const POLL_MS = 3000;

/**
 * The customer asked to continue on WhatsApp. The server records it and either sends the hand-off
 * template (number known and opted in) or answers with a wa.me link and QR code carrying a code,
 * which links the conversation when the customer's first message arrives.
 */
export function HandoffPanel() {
  const t = useT();
  const id = useId();
  const { api } = useServices();
  const ticket = usePanelStore((s) => s.ticket);
  const phone = usePanelStore((s) => s.phoneInput.trim());
  const name = usePanelStore((s) => s.ticket?.customer.name ?? s.contact?.name ?? null);
  const panelLanguage = usePanelStore((s) => s.language);
  const handoff = usePanelStore((s) => s.handoff);
  const live = usePanelStore((s) => s.live === 'live');
  const [channel, setChannel] = useState<HandoffChannel>('chat');
  const [language, setLanguage] = useState<Lang>(panelLanguage);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const ref = ticketRef(ticket);

  useEffect(() => {
    if (!handoff || handoff.status === 'linked' || live) return;
    const timer = setInterval(async () => {
      const r = await api.handoff(handoff.id);
      if (r.ok) usePanelStore.getState().handoffCreated(r.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, handoff, live]);

  async function create() {
    if (!ref) return;
    setBusy(true);
    setError(null);
    const r = await api.createHandoff({
      channel,
      ticket: ref,
      language,
      ...(looksDialable(phone) ? { phone } : {}),
      ...(name ? { customerName: name } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    usePanelStore.getState().handoffCreated(r.value);
    if (r.value.messageId) {
      const m = await api.message(r.value.messageId);
      if (m.ok) usePanelStore.getState().messageTracked(m.value);
    }
  }

  return (
    <section className="handoff-panel stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('handoff.title')}</h3>
      <p className="hint">{t('handoff.intro')}</p>
      {!handoff && (
        <>
          <div className="row">
            <label htmlFor={`${id}-channel`}>{t('handoff.channel')}</label>
            <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as HandoffChannel)} className="narrow" data-testid="handoff-channel">
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-lang`}>{t('handoff.language')}</label>
            <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as Lang)} className="narrow">
              <option value="tr">Türkçe</option>
              <option value="en">English</option>
            </select>
          </div>
          <button type="button" className="primary" onClick={() => void create()} disabled={!ref || busy} aria-describedby={!ref ? `${id}-reason` : undefined} data-testid="handoff-create">
            {t('handoff.create')}
          </button>
          <DisabledReason id={`${id}-reason`} reason={ref ? null : t('handoff.noTicket')} />
        </>
      )}
      {error && (
        <p className="problem" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {handoff && (
        <div className="stack" data-testid="handoff-result" data-status={handoff.status}>
          {handoff.status === 'template_sent' && <p className="ok-note">{t('handoff.templateSent')}</p>}
          {handoff.messageId && <MessageStatusLine messageId={handoff.messageId} testId="handoff-message-status" />}
          {handoff.waMeLink && (
            <>
              <p>{t('handoff.shareLink')}</p>
              <a href={handoff.waMeLink} target="_blank" rel="noreferrer" className="handoff-link" data-testid="handoff-link">
                {handoff.waMeLink}
              </a>
              <div className="row">
                <CopyButton text={handoff.waMeLink} label={t('common.copyLink')} copiedLabel={t('common.copied')} testId="handoff-copy" />
                <span className="badge">{handoff.code}</span>
                <InsertReplyButton text={handoff.waMeLink} testId="handoff-insert" />
              </div>
              {handoff.qrSvg && <QrImage svg={handoff.qrSvg} label={t('handoff.qrAlt')} testId="handoff-qr" />}
            </>
          )}
          <p className={handoff.status === 'linked' ? 'ok-note' : 'hint'} role="status" aria-live="polite" data-testid="handoff-status">
            {handoff.status === 'linked' ? t('handoff.linked', { phone: handoff.linkedWaId ? `+${handoff.linkedWaId}` : '' }) : handoff.status === 'awaiting_customer' ? t('handoff.waiting') : ''}
          </p>
          <button type="button" className="link" onClick={() => usePanelStore.getState().handoffClosed()}>
            {t('handoff.new')}
          </button>
        </div>
      )}
    </section>
  );
}
