/**
 * The pure parts of the Insights, alerts and template-editor features: periods, funnels, trends,
 * how numbers read in both languages, the editor's draft, and how alert events change the store.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/schemas/alert';
import { alertDetails, alertTitle } from '../../../extension/features/alerts/describe-alert';
import { upsertAlert } from '../../../extension/features/alerts/alerts-slice';
import { formatDuration, formatUsd, funnelSteps, percent, periodRange, trendPoints } from '../../../extension/features/insights/insights-model';
import { buildDraft, EMPTY_FORM, suggestName, variablesOf } from '../../../extension/features/template-editor/editor-draft';
import { translator } from '../../../extension/i18n/translate';
import { parseLiveEvent } from '../../../extension/lib/parse-live-event';
import { lintTemplate } from '../../../shared/templates/lint-template';

describe('periods', () => {
  it.each([
    // 23:30 UTC on 10 March is already 11 March in Istanbul.
    [Date.UTC(2026, 2, 10, 23, 30), 'Europe/Istanbul', 7, { from: '2026-03-05', to: '2026-03-11' }],
    [Date.UTC(2026, 2, 10, 23, 30), 'UTC', 7, { from: '2026-03-04', to: '2026-03-10' }],
    [Date.UTC(2026, 2, 1, 12, 0), 'UTC', 30, { from: '2026-01-31', to: '2026-03-01' }],
  ])('%i in %s, last %i days → %j', (now, tz, days, range) => {
    expect(periodRange(days, now, tz)).toEqual(range);
  });
});

describe('charts’ data', () => {
  it('a funnel is each step as a share of what was sent', () => {
    expect(funnelSteps({ sent: 4, delivered: 3, read: 2, replied: 1 })).toEqual([
      { key: 'sent', value: 4, share: 1 },
      { key: 'delivered', value: 3, share: 0.75 },
      { key: 'read', value: 2, share: 0.5 },
      { key: 'replied', value: 1, share: 0.25 },
    ]);
    expect(funnelSteps({ sent: 0, delivered: 0, read: 0, replied: 0 }).map((s) => s.share)).toEqual([0, 0, 0, 0]);
  });

  it('a trend keeps the days in order and scales to the busiest one', () => {
    const fig = (sent: number, delivered: number, failed: number) => ({ sent, delivered, failed }) as never;
    const { points, max } = trendPoints([
      { key: '2026-03-01', label: '2026-03-01', figures: fig(2, 2, 0) },
      { key: '2026-03-02', label: '2026-03-02', figures: fig(5, 3, 1) },
    ]);
    expect(points.map((p) => p.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(max).toBe(5);
    expect(trendPoints([]).max).toBe(1);
  });
});

describe('how numbers read', () => {
  it.each([
    [null, 'en', '—'],
    [850, 'en', '850 ms'],
    [4000, 'en', '4 s'],
    [4000, 'tr', '4 sn'],
    [180_000, 'en', '3 min'],
    [7_500_000, 'en', '2 h 5 min'],
    [7_200_000, 'tr', '2 sa'],
  ] as const)('%s ms in %s → %s', (ms, lang, text) => {
    expect(formatDuration(ms, lang)).toBe(text);
  });

  it('percentages and per-message prices', () => {
    expect(percent(2 / 3)).toBe('67%');
    expect(percent(null)).toBe('—');
    expect(formatUsd(0.0106, 'en')).toBe('$0.0106');
    expect(formatUsd(0.0106, 'tr')).toBe('$0,0106');
    expect(formatUsd(12, 'en')).toBe('$12.00');
  });
});

describe('the template editor’s draft', () => {
  it('finds numbered variables once each, in number order', () => {
    expect(variablesOf('Hi {{2}}, order {{1}} and {{ 2 }} again, {{name}} ignored')).toEqual(['1', '2']);
  });

  it('builds the draft Meta takes, with an example per variable, and the linter accepts a good one', () => {
    const draft = buildDraft({
      ...EMPTY_FORM,
      name: 'order_packed',
      language: 'en',
      header: 'Order packed',
      body: 'Hi {{1}}, your order {{2}} has been packed today.',
      footer: 'Köprü Demo Store',
      quickReplies: 'Thanks\n\n  Where is it?  ',
      examples: { '1': 'Emma', '2': 'TR-10482' },
    });
    expect(draft).toEqual({
      name: 'order_packed',
      language: 'en',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Order packed' },
        { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has been packed today.', example: { body_text: [['Emma', 'TR-10482']] } },
        { type: 'FOOTER', text: 'Köprü Demo Store' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }, { type: 'QUICK_REPLY', text: 'Where is it?' }] },
      ],
    });
    const lint = lintTemplate(draft);
    expect(lint.category).toBe('UTILITY');
    expect(lint.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['Sipariş Hazırlandı!', 'siparis_hazirlandi'],
    ['  Order  shipped (v2) ', 'order_shipped_v2'],
    ['İADE ONAYI', 'iade_onayi'],
  ])('suggests a valid name for %j → %s', (text, name) => {
    expect(suggestName(text)).toBe(name);
  });
});

const base = { id: 'alr_1', template: { id: '1', name: 'shipping_update', language: 'tr' }, severity: 'critical' as const, message: 'x', at: 1, resolvedAt: null };

describe('alerts in the store', () => {
  it('an event adds a raised alert first and removes a closed one', () => {
    const a: Alert = { ...base, kind: 'disabled' };
    const b: Alert = { ...base, id: 'alr_2', kind: 'disabled' };
    expect(upsertAlert([a], b).map((x) => x.id)).toEqual(['alr_2', 'alr_1']);
    expect(upsertAlert([b, a], { ...a, resolvedAt: 5 }).map((x) => x.id)).toEqual(['alr_2']);
  });

  it('the live stream accepts alert events', () => {
    const e = { type: 'alert', alert: { ...base, kind: 'disabled' }, at: 1 };
    expect(parseLiveEvent(JSON.stringify(e))).toEqual(e);
  });
});

describe('alerts in words', () => {
  const en = translator('en');
  const tr = translator('tr');
  it.each([
    [{ ...base, kind: 'rejected', reason: 'PROMOTIONAL', metaReason: null, metaRecommendation: null, advice: 'x', findings: [] } as Alert, /Rejected by Meta/, /PROMOTIONAL.*offers/s, /Meta reddetti/, /İndirim/],
    [{ ...base, kind: 'paused', pausedUntil: Date.UTC(2026, 2, 10, 12, 0), pause: 'FIRST_PAUSE' } as Alert, /Paused/, /cannot be sent until/, /duraklattı/, /gönderilemez/],
    [{ ...base, kind: 'quality_drop', previous: 'GREEN', current: 'RED' } as Alert, /Quality/, /GREEN to RED/, /Kalite/, /GREEN seviyesinden RED/],
    [
      { ...base, kind: 'category_change_announced', from: 'UTILITY', to: 'MARKETING', effectiveAt: Date.UTC(2026, 2, 11), reviewDeadline: Date.UTC(2026, 4, 10), cost: { currency: 'USD', market: '90', utility: 0.0053, marketing: 0.0109 } } as Alert,
      /MARKETING/,
      /0\.0053 → 0\.0109.*marketing consent.*review/s,
      /MARKETING olacak/,
      /0\.0053 → 0\.0109.*pazarlama iznini.*inceleme/s,
    ],
  ])('%#: title and details in English and Turkish', (alert, titleEn, detailEn, titleTr, detailTr) => {
    expect(alertTitle(en, alert)).toMatch(titleEn);
    expect(alertDetails(en, alert, 'en-GB').join(' ')).toMatch(detailEn);
    expect(alertTitle(tr, alert)).toMatch(titleTr);
    expect(alertDetails(tr, alert, 'tr-TR').join(' ')).toMatch(detailTr);
  });
});
