/**
 * An alert in the agent's language: a title per kind and the sentences that say what happened,
 * until when, and what to do — from the alert's fields, never from the server's English `message`.
 *
 * @module
 */
import type { Alert } from '../../../shared/schemas/alert';
import { hasKey, type Translate } from '../../i18n/translate';

const day = (ms: number, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
const moment = (ms: number, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(ms);

export function alertTitle(t: Translate, a: Alert): string {
  return t(`alerts.kind.${a.kind}`);
}

export function alertDetails(t: Translate, a: Alert, locale: string): string[] {
  switch (a.kind) {
    case 'rejected': {
      const advice = a.reason && hasKey(`alerts.advice.${a.reason}`) ? t(`alerts.advice.${a.reason}` as 'alerts.advice.other') : t('alerts.advice.other');
      return [
        ...(a.reason ? [t('alerts.rejected.reason', { reason: a.reason })] : []),
        ...(a.metaReason ? [a.metaReason] : []),
        ...(a.metaRecommendation ? [a.metaRecommendation] : []),
        advice,
      ];
    }
    case 'paused':
      return [a.pausedUntil ? t('alerts.paused.until', { time: moment(a.pausedUntil, locale) }) : t('alerts.paused.untilTold'), t('alerts.paused.why')];
    case 'disabled':
      return [t('alerts.disabled.detail')];
    case 'quality_drop':
      return [t('alerts.quality.detail', { previous: a.previous ?? '—', current: a.current })];
    case 'category_change_announced':
    case 'category_change_completed':
      return [
        a.kind === 'category_change_announced'
          ? t('alerts.category.announced', { date: a.effectiveAt ? moment(a.effectiveAt, locale) : '—' })
          : t('alerts.category.completed'),
        t('alerts.category.cost', { utility: a.cost.utility, marketing: a.cost.marketing }),
        t('alerts.category.consent'),
        t('alerts.category.review', { date: day(a.reviewDeadline, locale) }),
      ];
  }
}
