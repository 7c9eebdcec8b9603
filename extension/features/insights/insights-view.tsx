/**
 * The Insights tab: how the templates did over the last 7, 30 or 90 days — totals, a funnel per
 * template, a trend per day and failures by reason. Admins see the team, agents their own messages
 * (the server decides; the view says which).
 *
 * @module
 */
import { useEffect, useState } from 'react';
import type { AnalyticsReport } from '../../../shared/schemas/analytics';
import { describeMetaFailure } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { BarList, FunnelChart, TrendChart } from './charts';
import { formatDuration, formatUsd, funnelSteps, percent, periodRange, PERIODS, trendPoints, type Period } from './insights-model';
import './insights.css';

type Loaded = { byTemplate: AnalyticsReport; byDay: AnalyticsReport };
type State = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; data: Loaded };

export function InsightsView({ now = Date.now }: { now?: () => number }) {
  const t = useT();
  const { api } = useServices();
  const lang = usePanelStore((s) => s.language);
  const [period, setPeriod] = useState<Period>(30);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const range = { ...periodRange(period, now(), tz), tz };
    setState({ kind: 'loading' });
    void Promise.all([api.analytics({ ...range, groupBy: 'template' }, controller.signal), api.analytics({ ...range, groupBy: 'day' }, controller.signal)]).then(
      ([byTemplate, byDay]) => {
        if (controller.signal.aborted) return;
        setState(byTemplate.ok && byDay.ok ? { kind: 'ready', data: { byTemplate: byTemplate.value, byDay: byDay.value } } : { kind: 'failed' });
      },
    );
    return () => controller.abort();
  }, [api, period, now]);

  const stepLabels = { sent: t('insights.sent'), delivered: t('insights.delivered'), read: t('insights.read'), replied: t('insights.replied') };

  return (
    <section className="insights stack" aria-labelledby="insights-title" data-testid="insights">
      <div className="row insights-head">
        <h2 id="insights-title">{t('insights.title')}</h2>
        {state.kind === 'ready' && (
          <span className="badge" data-testid="insights-scope">
            {t(state.data.byTemplate.scope === 'team' ? 'insights.scope.team' : 'insights.scope.agent')}
          </span>
        )}
        <div className="row insights-periods" role="group" aria-label={t('insights.period')}>
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)} data-testid={`period-${p}`}>
              {t('insights.days', { days: p })}
            </button>
          ))}
        </div>
      </div>
      {state.kind === 'loading' && <p className="hint">{t('insights.loading')}</p>}
      {state.kind === 'failed' && (
        <p className="problem" role="alert">
          {t('insights.failedToLoad')}
        </p>
      )}
      {state.kind === 'ready' && state.data.byTemplate.totals.messages === 0 && <p className="hint">{t('insights.empty')}</p>}
      {state.kind === 'ready' && state.data.byTemplate.totals.messages > 0 && (
        <Report data={state.data} lang={lang} stepLabels={stepLabels} />
      )}
    </section>
  );
}

function Report({ data, lang, stepLabels }: { data: Loaded; lang: 'tr' | 'en'; stepLabels: Record<'sent' | 'delivered' | 'read' | 'replied', string> }) {
  const t = useT();
  const totals = data.byTemplate.totals;
  const trend = trendPoints(data.byDay.groups);
  const failures = totals.failures.map((f) => ({ key: String(f.code), label: f.code === null ? t('insights.stoppedByKopru') : describeMetaFailure(t, f.code, f.reason), value: f.count }));
  return (
    <>
      <dl className="insights-totals" data-testid="insights-totals">
        <Tile label={t('insights.sent')} value={String(totals.sent)} testId="total-sent" />
        <Tile label={t('insights.delivered')} value={String(totals.delivered)} sub={percent(totals.rates.delivery)} testId="total-delivered" />
        <Tile label={t('insights.read')} value={String(totals.read)} sub={percent(totals.rates.read)} testId="total-read" />
        <Tile label={t('insights.replied')} value={String(totals.replied)} sub={percent(totals.rates.reply)} testId="total-replied" />
        <Tile label={t('insights.failed')} value={String(totals.failed)} sub={percent(totals.rates.failure)} testId="total-failed" />
      </dl>
      <p className="hint" data-testid="insights-medians">
        {t('insights.medians', { delivered: formatDuration(totals.medianMs.toDelivered, lang), read: formatDuration(totals.medianMs.toRead, lang) })}
      </p>
      <p className="hint" data-testid="insights-cost">
        {t('insights.cost', { free: totals.price.free, billable: totals.price.billable, amount: formatUsd(totals.price.amount, lang) })}
      </p>

      <h3>{t('insights.funnelTitle')}</h3>
      <ul className="funnel-list" data-testid="funnels">
        {data.byTemplate.groups.map((g) => (
          <li key={g.key} className="card" data-template={g.key}>
            <div className="funnel-name">{g.label}</div>
            <FunnelChart
              steps={funnelSteps(g.figures)}
              labels={stepLabels}
              title={t('insights.funnelLabel', { template: g.label, sent: g.figures.sent, delivered: g.figures.delivered, read: g.figures.read, replied: g.figures.replied })}
            />
          </li>
        ))}
      </ul>

      <h3>{t('insights.trendTitle')}</h3>
      <div className="card">
        <TrendChart points={trend.points} max={trend.max} title={t('insights.trendLabel', { days: trend.points.length })} />
        <p className="hint trend-legend">
          <span className="swatch bar-sent" /> {t('insights.sent')} <span className="swatch bar-delivered" /> {t('insights.delivered')}{' '}
          <span className="swatch bar-failed" /> {t('insights.failed')}
        </p>
      </div>

      <h3>{t('insights.failuresTitle')}</h3>
      {failures.length === 0 ? <p className="hint">{t('insights.noFailures')}</p> : <BarList rows={failures} testId="failures" />}
      {data.byTemplate.rateCardSource && <p className="hint">{t('insights.rateCard', { source: data.byTemplate.rateCardSource })}</p>}
    </>
  );
}

function Tile({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="insights-tile" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {sub && <span className="hint"> {sub}</span>}
      </dd>
    </div>
  );
}
