import { describe, expect, it } from 'vitest';
import { inferTopic } from '../../../shared/templates/template-topic';

describe('inferTopic', () => {
  it.each([
    [{ name: 'delivery_scheduled' }, 'shipping'],
    [{ name: 'kargo_takip' }, 'shipping'],
    [{ name: 'randevu_hatirlatma' }, 'appointments'],
    [{ name: 'payment_reminder' }, 'payments'],
    [{ name: 'ÖDEME_HATIRLATMA' }, 'payments'],
    [{ name: 'account_update' }, 'account_notices'],
    [{ name: 'feedback_survey' }, 'surveys'],
    [{ name: 'order_confirmation' }, 'order_updates'],
    [{ name: 'spring_sale', category: 'MARKETING' as const }, 'marketing'],
    [{ name: 'optin_confirmation' }, null],
    [{ name: 'whatsapp_handoff' }, null],
    [{ name: 'hello' }, null],
  ])('%o is about %s', (t, topic) => {
    expect(inferTopic(t)).toBe(topic);
  });
});
