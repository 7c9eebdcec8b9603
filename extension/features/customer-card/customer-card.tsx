import { useId } from 'react';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { requestActiveTabRead } from '../../lib/ticket-store';
import { usePanelStore } from '../../store';
import { looksDialable } from './use-contact-loader';
import { WindowCountdown } from './window-countdown';
import './customer-card.css';

function ConsentBadge() {
  const t = useT();
  const contact = usePanelStore((s) => s.contact);
  const state = usePanelStore((s) => s.contactState);
  const status = contact?.consent.status ?? (state === 'loading' ? 'loading' : 'unknown');
  const tone = status === 'opted_in' ? 'good' : status === 'opted_out' ? 'bad' : 'warn';
  return (
    <span className={`badge ${tone}`} data-testid="consent-status" data-status={status}>
      {t(`consent.status.${status}`)}
    </span>
  );
}

export function CustomerCard() {
  const t = useT();
  const id = useId();
  const ticket = usePanelStore((s) => s.ticket);
  const contact = usePanelStore((s) => s.contact);
  const contactState = usePanelStore((s) => s.contactState);
  const contactError = usePanelStore((s) => s.contactError);
  const phone = usePanelStore((s) => s.phoneInput);
  const source = usePanelStore((s) => s.phoneSource);
  const busy = usePanelStore((s) => s.send.state === 'sending' || s.send.state === 'queued');
  const { phoneEdited } = usePanelStore.getState();

  const name = ticket?.customer.name ?? contact?.name ?? null;
  const candidates = ticket?.phoneCandidates.filter((c) => c.e164 !== phone) ?? [];
  const unparsed = ticket && !ticket.customer.phone && ticket.customer.phoneRaw ? ticket.customer.phoneRaw : null;

  return (
    <section className="customer-card card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('customer.title')}
      </h2>
      <div className="customer-name" data-testid="customer-name">
        {name ?? <span className="hint">{t('customer.unknownName')}</span>}
      </div>
      {ticket && (
        <div className="hint customer-ticket" data-testid="customer-ticket">
          {t(`helpdesk.${ticket.helpdesk}`)}
          {ticket.ticketId ? ` · #${ticket.ticketId}` : ''}
        </div>
      )}
      {!ticket && (
        <div className="row">
          <span className="hint">{t('customer.noTicket')}</span>
          <button type="button" onClick={() => void requestActiveTabRead()} data-testid="read-page">
            {t('customer.readPage')}
          </button>
        </div>
      )}
      <div className="customer-phone">
        <label htmlFor={`${id}-phone`}>{t('customer.phone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          placeholder="+90 5xx xxx xx xx"
          onChange={(e) => phoneEdited(e.target.value)}
          disabled={busy}
          aria-describedby={`${id}-phone-hint`}
          aria-invalid={contactError?.code === 'INVALID_PHONE' ? 'true' : undefined}
          data-testid="customer-phone"
        />
        <p id={`${id}-phone-hint`} className="hint" data-testid="phone-source">
          {source === 'ticket' ? t('customer.phoneFromTicket') : source === 'agent' ? t('customer.phoneTyped') : t('customer.phoneMissing')}
          {unparsed ? ` ${t('customer.phoneUnparsed', { raw: unparsed })}` : ''}
        </p>
        {candidates.length > 0 && (
          <div className="row candidates">
            <span className="hint">{t('customer.otherNumbers')}</span>
            {candidates.slice(0, 4).map((c) => (
              <button key={c.e164} type="button" className="link" onClick={() => phoneEdited(c.e164)} title={c.raw}>
                {c.e164}
              </button>
            ))}
          </div>
        )}
      </div>
      {contactError && (
        <p className="problem" role="alert" data-testid="contact-error">
          {contactError.code === 'NETWORK' ? t('customer.offline') : describeError(t, contactError)}
        </p>
      )}
      {looksDialable(phone) && (
        <div className="row customer-status" aria-live="polite">
          <ConsentBadge />
          {contact ? (
            <>
              <WindowCountdown open={contact.window.open} expiresAt={contact.window.expiresAt} />
              <span className={`badge ${contact.nextTemplatePrice === 'free' ? 'good' : ''}`} data-testid="next-price" data-price={contact.nextTemplatePrice}>
                {t(`customer.price.${contact.nextTemplatePrice}`)}
              </span>
            </>
          ) : (
            contactState === 'loading' && <span className="hint">{t('customer.loading')}</span>
          )}
        </div>
      )}
    </section>
  );
}
