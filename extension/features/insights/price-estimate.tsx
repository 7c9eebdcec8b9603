/**
 * What the chosen template would cost this customer now (`GET /api/price`), next to the composer:
 * free inside the 24-hour window, otherwise the rate card's price for their country. Shown only
 * when the server answers; silent otherwise (the customer card already says free/billable).
 *
 * @module
 */
import { useEffect, useState } from 'react';
import type { PriceAnswer } from '../../../shared/schemas/analytics';
import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { formatUsd } from './insights-model';

export function PriceEstimate() {
  const t = useT();
  const { api } = useServices();
  const phone = usePanelStore((s) => s.contact?.phone ?? null);
  const windowOpen = usePanelStore((s) => s.contact?.window.open ?? null);
  const template = usePanelStore((s) => s.template);
  const lang = usePanelStore((s) => s.language);
  const [answer, setAnswer] = useState<PriceAnswer | null>(null);
  const name = template?.name;
  const language = template?.language;

  useEffect(() => {
    setAnswer(null);
    if (!phone || !name || !language) return;
    const controller = new AbortController();
    void api.price({ phone, template: name, language }, controller.signal).then((r) => {
      if (!controller.signal.aborted && r.ok) setAnswer(r.value);
    });
    return () => controller.abort();
    // The window opening or closing changes the price: ask again.
  }, [api, phone, name, language, windowOpen]);

  if (!answer) return null;
  const { price } = answer;
  return (
    <p className={`badge wrap price-estimate ${price.billable ? '' : 'good'}`} data-testid="price-estimate" data-price-class={price.priceClass}>
      {price.billable
        ? t('price.billable', { amount: formatUsd(price.amount, lang), category: (answer.category ?? '').toLowerCase() })
        : t('price.free')}
    </p>
  );
}
