import { useId, useState } from 'react';
import type { ConsentTopic } from '../../../shared/schemas/consent';
import { DisabledReason } from '../../components/disabled-reason';
import { describeError } from '../../i18n/describe';
import type { Lang } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import type { ApiFailure } from '../../lib/api-client';
import { useServices } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import { usePanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { looksDialable } from '../customer-card/use-contact-loader';
import { AGENT_METHODS, DEFAULT_TOPICS, UTILITY_TOPICS, type AgentMethod } from './consent-options';
import { currentWording } from './use-consent-wordings';

/** Recording an opt-in heard in person or on the phone: the exact text, the method, topics, and the agent's confirmation. */
export function OptinForm({ wordingLanguage, onWordingLanguage }: { wordingLanguage: Lang; onWordingLanguage: (l: Lang) => void }) {
  const t = useT();
  const id = useId();
  const { api } = useServices();
  const wordings = usePanelStore((s) => s.wordings);
  const phone = usePanelStore((s) => s.phoneInput.trim());
  const ticket = usePanelStore((s) => s.ticket);
  const [method, setMethod] = useState<AgentMethod>('in_person');
  const [topics, setTopics] = useState<ConsentTopic[]>(DEFAULT_TOPICS);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const wording = currentWording(wordings, wordingLanguage);

  const block = !looksDialable(phone)
    ? 'consent.block.noPhone'
    : !wording
      ? 'consent.block.noWording'
      : topics.length === 0
        ? 'consent.block.noTopics'
        : !confirmed
          ? 'consent.block.notConfirmed'
          : null;

  async function record() {
    if (block || !wording) return;
    setBusy(true);
    setError(null);
    const ticketReference = ticketRef(ticket);
    const result = await api.recordConsent({
      phone,
      action: 'opt_in',
      method,
      topics,
      wordingId: wording.id,
      ...(ticketReference ? { ticket: ticketReference } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    usePanelStore.getState().consentRecorded(result.value);
    setDone(true);
    setConfirmed(false);
    await loadContact(api, usePanelStore, usePanelStore.getState().contactPhone ?? phone, true);
  }

  const toggle = (topic: ConsentTopic) => setTopics((ts) => (ts.includes(topic) ? ts.filter((x) => x !== topic) : [...ts, topic]));

  return (
    <section className="optin-form stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('consent.optinTitle')}</h3>
      <fieldset>
        <legend>{t('consent.method')}</legend>
        <div className="row">
          {AGENT_METHODS.map((m) => (
            <label key={m} className="check">
              <input type="radio" name={`${id}-method`} value={m} checked={method === m} onChange={() => setMethod(m)} data-testid={`consent-method-${m}`} />
              {t(`method.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <label htmlFor={`${id}-lang`}>{t('consent.wordingLanguage')}</label>
        <select id={`${id}-lang`} value={wordingLanguage} onChange={(e) => onWordingLanguage(e.target.value as Lang)} className="narrow">
          <option value="tr">Türkçe</option>
          <option value="en">English</option>
        </select>
      </div>
      {wording ? (
        <figure className="wording">
          <figcaption className="hint">{t(method === 'phone_call' || method === 'in_person' ? 'consent.readOut' : 'consent.showText', { version: wording.version })}</figcaption>
          <blockquote lang={wording.language} data-testid="consent-wording" data-wording-id={wording.id}>
            {wording.text}
          </blockquote>
        </figure>
      ) : (
        <p className="hint">{t('consent.loadingWording')}</p>
      )}
      <fieldset>
        <legend>{t('consent.topics')}</legend>
        <div className="topics">
          {UTILITY_TOPICS.map((topic) => (
            <label key={topic} className="check">
              <input type="checkbox" checked={topics.includes(topic)} onChange={() => toggle(topic)} data-testid={`consent-topic-${topic}`} />
              {t(`topic.${topic}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="consent-confirm" />
        {t('consent.confirm')}
      </label>
      <button type="button" className="primary" onClick={() => void record()} disabled={block !== null || busy} aria-describedby={block ? `${id}-reason` : undefined} data-testid="consent-record">
        {t('consent.record')}
      </button>
      <DisabledReason id={`${id}-reason`} reason={block ? t(block) : null} testId="consent-disabled-reason" />
      {error && (
        <p className="problem" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {done && !error && (
        <p className="ok-note" role="status" data-testid="consent-recorded">
          {t('consent.recorded')}
        </p>
      )}
    </section>
  );
}
