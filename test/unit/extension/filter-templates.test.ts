import { describe, expect, it } from 'vitest';
import { filterTemplates, foldText, indexTemplates } from '../../../extension/features/template-picker/filter-templates';
import { templateTopic } from '../../../extension/features/template-picker/template-topic';
import { shippedTemplate, ticketTemplate } from './fixtures';

const body = (text: string) => [{ type: 'BODY' as const, text }];
const templates = [
  shippedTemplate({ name: 'siparis_kargoda', components: body('Siparişiniz kargoya verildi.') }),
  shippedTemplate({ name: 'order_shipped', language: 'en', components: body('Your order has shipped.') }),
  shippedTemplate({ name: 'payment_failed', topic: 'payments', components: body('Ödemeniz alınamadı, sipariş {{1}} bekliyor.') }),
  shippedTemplate({ name: 'appointment_reminder', topic: 'appointments', components: body('Randevunuz yarın.') }),
  ticketTemplate({ name: 'ticket_update' }),
];
const index = indexTemplates(templates);
const base = { query: '', language: null, topic: null, favourites: [], recents: [], limit: 50 };
const names = (r: ReturnType<typeof filterTemplates>) => r.items.map((i) => `${i.template.name}:${i.template.language}`);

describe('template search', () => {
  it('matches names before bodies, ignoring case, accents and dotted İ', () => {
    expect(names(filterTemplates(index, { ...base, query: 'SİPARİŞ' }))).toEqual(['siparis_kargoda:tr', 'payment_failed:tr']);
    expect(names(filterTemplates(index, { ...base, query: 'ship' }))).toEqual(['order_shipped:en']);
  });

  it('every word must match, name or body', () => {
    expect(names(filterTemplates(index, { ...base, query: 'payment bekliyor' }))).toEqual(['payment_failed:tr']);
    expect(names(filterTemplates(index, { ...base, query: 'payment kargo' }))).toEqual([]);
  });

  it('favourites lead, then recent ones, then the rest by name', () => {
    const r = filterTemplates(index, { ...base, favourites: ['ticket_update:en'], recents: ['payment_failed:tr', 'order_shipped:en'] });
    expect(names(r)).toEqual(['ticket_update:en', 'payment_failed:tr', 'order_shipped:en', 'appointment_reminder:tr', 'siparis_kargoda:tr']);
  });

  it('filters by language and by topic', () => {
    expect(names(filterTemplates(index, { ...base, language: 'en' }))).toEqual(['order_shipped:en', 'ticket_update:en']);
    expect(names(filterTemplates(index, { ...base, topic: 'appointments' }))).toEqual(['appointment_reminder:tr']);
  });

  it('renders at most `limit` rows of 500 but counts them all', () => {
    const many = indexTemplates(Array.from({ length: 500 }, (_, i) => shippedTemplate({ name: `order_update_${i}` })));
    const r = filterTemplates(many, { ...base, query: 'order', limit: 40 });
    expect(r.items).toHaveLength(40);
    expect(r.total).toBe(500);
  });

  it.each([
    [{ topic: 'shipping' as const }, 'shipping'],
    [{ topic: 'surveys' as const }, 'surveys'],
    [{ topic: null }, 'other'],
  ])('files %o under %s, as the server decided', (t, topic) => {
    expect(templateTopic(t)).toBe(topic);
  });

  it('folds Turkish letters for matching', () => {
    expect(foldText('İADE_ÖDEMESİ Işık')).toBe('iade odemesi isik');
  });
});
