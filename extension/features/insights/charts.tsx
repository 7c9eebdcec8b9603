/**
 * The Insights charts, drawn as plain SVG (no chart library: the panel bundle stays small). Each
 * chart is an image with a text alternative that carries the same numbers.
 *
 * @module
 */
import type { FunnelStep, TrendPoint } from './insights-model';

const BAR_H = 16;
const GAP = 6;

/** Four bars, each as wide as its share of what was sent. */
export function FunnelChart({ steps, labels, title }: { steps: FunnelStep[]; labels: Record<FunnelStep['key'], string>; title: string }) {
  const height = steps.length * (BAR_H + GAP);
  return (
    <svg className="funnel-chart" viewBox={`0 0 300 ${height}`} role="img" aria-label={title} data-testid="funnel-chart">
      {steps.map((step, i) => {
        const y = i * (BAR_H + GAP);
        const width = Math.max(step.value > 0 ? 2 : 0, Math.round(step.share * 180));
        return (
          <g key={step.key} data-step={step.key} data-value={step.value}>
            <text x="0" y={y + BAR_H - 4} className="chart-label">
              {labels[step.key]}
            </text>
            <rect x="90" y={y} width={width} height={BAR_H} rx="3" className={`bar bar-${step.key}`} />
            <text x={96 + width} y={y + BAR_H - 4} className="chart-value">
              {step.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One column per day: sent (light), delivered (dark) inside it, failed as a red cap. */
export function TrendChart({ points, max, title }: { points: TrendPoint[]; max: number; title: string }) {
  const width = 300;
  const height = 110;
  const chartH = 90;
  const step = width / Math.max(1, points.length);
  const barW = Math.max(2, step * 0.7);
  const scale = (n: number) => (n / max) * chartH;
  return (
    <svg className="trend-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="trend-chart">
      <line x1="0" y1={chartH} x2={width} y2={chartH} className="axis" />
      {points.map((p, i) => {
        const x = i * step + (step - barW) / 2;
        return (
          <g key={p.day} data-day={p.day} data-sent={p.sent}>
            <title>{`${p.day}: ${p.sent} / ${p.delivered} / ${p.failed}`}</title>
            <rect x={x} y={chartH - scale(p.sent)} width={barW} height={scale(p.sent)} className="bar bar-sent" />
            <rect x={x} y={chartH - scale(p.delivered)} width={barW} height={scale(p.delivered)} className="bar bar-delivered" />
            {p.failed > 0 && <rect x={x} y={chartH - scale(p.failed)} width={barW} height={Math.max(1, scale(p.failed))} className="bar bar-failed" />}
          </g>
        );
      })}
      {points.length > 0 && (
        <>
          <text x="0" y={height - 2} className="chart-label">
            {points[0]!.day.slice(5)}
          </text>
          <text x={width} y={height - 2} textAnchor="end" className="chart-label">
            {points.at(-1)!.day.slice(5)}
          </text>
        </>
      )}
      <text x={width} y="10" textAnchor="end" className="chart-value">
        {max}
      </text>
    </svg>
  );
}

/** Horizontal bars as HTML (reasons are long sentences that must wrap). */
export function BarList({ rows, testId }: { rows: Array<{ key: string; label: string; value: number }>; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bar-list" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} data-key={r.key}>
          <div className="bar-list-label">
            <span>{r.label}</span>
            <strong>{r.value}</strong>
          </div>
          <div className="bar-list-track" aria-hidden="true">
            <div className="bar-list-fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
