import type { ConsentRecord } from '../../../shared/schemas/consent';
import { hasKey, langLocale } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { formatMoment } from '../../lib/format';
import { usePanelStore } from '../../store';

/** A stable empty list: a selector returning a new `[]` each time would re-render forever. */
const NO_RECORDS: ConsentRecord[] = [];

/** The contact's consent ledger, newest first: what was recorded, how, for which topics, from which text. */
export function ConsentHistory() {
  const t = useT();
  const history = usePanelStore((s) => s.contact?.consent.history ?? NO_RECORDS);
  const language = usePanelStore((s) => s.language);
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return hasKey(key) ? t(key) : value;
  };
  return (
    <section className="consent-history" aria-label={t('consent.historyTitle')}>
      <h3>{t('consent.historyTitle')}</h3>
      {history.length === 0 ? (
        <p className="hint">{t('consent.historyEmpty')}</p>
      ) : (
        <ol data-testid="consent-history">
          {[...history]
            .sort((a, b) => b.seq - a.seq)
            .map((r) => (
              <li key={r.id} data-testid="consent-history-item" data-action={r.action} data-method={r.method}>
                <strong className={r.action === 'opt_in' ? 'ok-note' : 'problem'}>{t(`action.${r.action}`)}</strong> · {label('method', r.method)}
                {r.topics.length > 0 && ` · ${r.topics.map((x) => label('topic', x)).join(', ')}`}
                <div className="hint">
                  {formatMoment(r.createdAt, langLocale(language))}
                  {r.wordingId ? ` · ${t('consent.wordingRef', { id: r.wordingId })}` : ''}
                </div>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
