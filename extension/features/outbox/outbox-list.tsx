import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';

/** Sends waiting for the server, each with its own cancel. They go out by themselves when it is back. */
export function OutboxList() {
  const t = useT();
  const { outbox } = useServices();
  const entries = usePanelStore((s) => s.outbox);
  if (entries.length === 0) return null;
  return (
    <section id="outbox" className="card outbox-list" aria-label={t('outbox.title')} data-testid="outbox">
      <h2>{t('outbox.title')}</h2>
      <p className="hint">{t('outbox.intro')}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.key} data-testid="outbox-item" className="row">
            <span className="badge warn">{t('outbox.waiting')}</span>
            <span>{e.label}</span>
            <span className="hint">{e.input.phone}</span>
            <button type="button" className="link" onClick={() => void outbox.discard(e.key).then(usePanelStore.getState().outboxChanged)}>
              {t('common.cancel')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
