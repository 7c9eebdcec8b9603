import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { QrImage } from '../../components/qr-image';
import { describeError } from '../../i18n/describe';
import type { Lang } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import type { ApiFailure } from '../../lib/api-client';
import { useServices } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import { usePanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { looksDialable } from '../customer-card/use-contact-loader';
import { InsertReplyButton } from '../handoff/insert-reply-button';
import { DEFAULT_TOPICS } from './consent-options';
import { currentWording } from './use-consent-wordings';

const POLL_MS = 3000;

/**
 * The counter opt-in: the customer scans the QR code, WhatsApp opens with the code in a message,
 * and when it arrives the server records the opt-in (with the message as evidence) and the panel
 * shows it at once (`optin.confirmed`), or within a few seconds by polling if the live stream is down.
 */
export function OptinQr({ wordingLanguage }: { wordingLanguage: Lang }) {
  const t = useT();
  const { api } = useServices();
  const optin = usePanelStore((s) => s.optin);
  const live = usePanelStore((s) => s.live === 'live');
  const wordings = usePanelStore((s) => s.wordings);
  const phone = usePanelStore((s) => s.phoneInput.trim());
  const ticket = usePanelStore((s) => s.ticket);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmed = !!optin?.confirmedPhone;

  useEffect(() => {
    if (!optin || confirmed || live) return;
    const timer = setInterval(async () => {
      const r = await api.optinCode(optin.code);
      if (r.ok && r.value.status === 'confirmed' && r.value.phone) usePanelStore.getState().optinCodeConfirmed(optin.code, r.value.phone, Date.now());
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, optin, confirmed, live]);

  useEffect(() => {
    // The customer's consent just changed: show it on the card.
    const contactPhone = usePanelStore.getState().contactPhone;
    if (confirmed && contactPhone) void loadContact(api, usePanelStore, contactPhone, true);
  }, [api, confirmed]);

  async function create() {
    setBusy(true);
    setError(null);
    const wording = currentWording(wordings, wordingLanguage);
    const ref = ticketRef(ticket);
    const known = looksDialable(phone) ? phone : undefined;
    const r = await api.createOptinCode({
      topics: DEFAULT_TOPICS,
      language: wordingLanguage,
      ...(known ? { phone: known } : {}),
      ...(wording ? { wordingId: wording.id } : {}),
      ...(ref ? { ticket: ref } : {}),
    });
    setBusy(false);
    if (r.ok) usePanelStore.getState().optinCodeCreated(r.value, known ?? null);
    else setError(r.error);
  }

  return (
    <section className="optin-qr stack" aria-label={t('consent.qrTitle')}>
      <h3>{t('consent.qrTitle')}</h3>
      <p className="hint">{t('consent.qrIntro')}</p>
      {!optin && (
        <button type="button" onClick={() => void create()} disabled={busy} data-testid="optin-qr-create">
          {t('consent.qrCreate')}
        </button>
      )}
      {error && (
        <p className="problem" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {optin && (
        <div className="stack qr-box">
          <QrImage svg={optin.qrSvg} label={t('consent.qrAlt', { code: optin.code })} testId="optin-qr" />
          <div className="row">
            <span className="badge" data-testid="optin-code">
              {optin.code}
            </span>
            <CopyButton text={optin.waMeLink} label={t('common.copyLink')} copiedLabel={t('common.copied')} testId="optin-copy-link" />
            <InsertReplyButton text={optin.waMeLink} testId="optin-insert" />
          </div>
          <p className={confirmed ? 'ok-note' : 'hint'} role="status" aria-live="polite" data-testid="optin-status" data-state={confirmed ? 'confirmed' : 'pending'}>
            {confirmed ? t('consent.qrConfirmed', { phone: optin.confirmedPhone ?? '' }) : t('consent.qrWaiting')}
          </p>
          <button type="button" className="link" onClick={() => usePanelStore.getState().optinClosed()}>
            {confirmed ? t('common.close') : t('consent.qrCancel')}
          </button>
        </div>
      )}
    </section>
  );
}
