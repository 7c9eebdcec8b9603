/**
 * Template health in the panel: a one-line summary of open alerts under the header, unfolding into
 * what happened to which template and what to do. Admins may dismiss an alert.
 *
 * @module
 */
import { useState } from 'react';
import { langLocale } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { alertDetails, alertTitle } from './describe-alert';
import './alerts.css';

export function AlertsStrip() {
  const t = useT();
  const { api } = useServices();
  const alerts = usePanelStore((s) => s.alerts);
  const lang = usePanelStore((s) => s.language);
  const isAdmin = usePanelStore((s) => s.agent?.role === 'admin');
  const [open, setOpen] = useState(false);
  if (alerts.length === 0) return null;
  const critical = alerts.some((a) => a.severity === 'critical');
  return (
    <section className={`alerts-strip card ${critical ? 'critical' : 'warning'}`} aria-label={t('alerts.title')} data-testid="alerts">
      <button type="button" className="link alerts-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="alerts-toggle">
        {t('alerts.count', { count: alerts.length })}
      </button>
      {open && (
        <ul className="alerts-list">
          {alerts.map((a) => (
            <li key={a.id} className={`alert alert-${a.severity}`} data-testid="alert" data-kind={a.kind}>
              <div className="row alert-head">
                <strong>{alertTitle(t, a)}</strong>
                <span className="badge">
                  {a.template.name} ({a.template.language})
                </span>
                {isAdmin && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void api.dismissAlert(a.id).then((r) => r.ok && usePanelStore.getState().liveEventReceived({ type: 'alert', alert: r.value, at: Date.now() }))}
                    data-testid="alert-dismiss"
                  >
                    {t('alerts.dismiss')}
                  </button>
                )}
              </div>
              {alertDetails(t, a, langLocale(lang)).map((line, i) => (
                <p key={i} className="alert-line">
                  {line}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
