import { useId, useState } from 'react';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import type { ApiFailure } from '../../lib/api-client';
import { useServices } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import { usePanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { looksDialable } from '../customer-card/use-contact-loader';
import { AGENT_METHODS, type AgentMethod } from './consent-options';

/** The customer asked to stop: recorded at once, and from then on the server refuses every send. */
export function OptoutForm() {
  const t = useT();
  const id = useId();
  const { api } = useServices();
  const phone = usePanelStore((s) => s.phoneInput.trim());
  const ticket = usePanelStore((s) => s.ticket);
  const status = usePanelStore((s) => s.contact?.consent.status);
  const [method, setMethod] = useState<AgentMethod>('phone_call');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);

  async function record() {
    setError(null);
    const ref = ticketRef(ticket);
    const r = await api.recordConsent({ phone, action: 'opt_out', method, ...(ref ? { ticket: ref } : {}) });
    setAsking(false);
    if (!r.ok) return setError(r.error);
    usePanelStore.getState().consentRecorded(r.value);
    setDone(true);
    await loadContact(api, usePanelStore, usePanelStore.getState().contactPhone ?? phone, true);
  }

  return (
    <section className="optout-form stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('consent.optoutTitle')}</h3>
      <div className="row">
        <label htmlFor={`${id}-method`}>{t('consent.method')}</label>
        <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as AgentMethod)} className="narrow">
          {AGENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`method.${m}`)}
            </option>
          ))}
        </select>
      </div>
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)} disabled={!looksDialable(phone) || status === 'opted_out'} data-testid="consent-optout">
          {t('consent.optout')}
        </button>
      ) : (
        <div className="row" role="group" aria-label={t('consent.optoutConfirm')}>
          <span>{t('consent.optoutConfirm')}</span>
          <button type="button" className="danger" onClick={() => void record()} data-testid="consent-optout-confirm" autoFocus>
            {t('consent.optoutYes')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {status === 'opted_out' && <p className="hint">{t('consent.alreadyOptedOut')}</p>}
      {error && (
        <p className="problem" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {done && !error && (
        <p className="ok-note" role="status" data-testid="optout-recorded">
          {t('consent.optoutRecorded')}
        </p>
      )}
    </section>
  );
}
