import { describe, expect, it } from 'vitest';
import { TemplateValues } from '../../../shared/schemas/values';

describe('TemplateValues', () => {
  it.each([
    ['text values', { '1': 'Ayşe', order_id: '#12345' }],
    ['a media header by link', { header: { type: 'document', link: 'https://cdn.example.com/r.pdf', filename: 'receipt.pdf' } }],
    ['a media header by id', { header: { type: 'image', id: '2871834006348767' } }],
    ['a media header as a bare URL string', { header: 'https://cdn.example.com/a.jpg' }],
    ['a location header', { header: { type: 'location', latitude: 41.0082, longitude: 28.9784, name: 'Depo' } }],
    ['currency', { '2': { type: 'currency', fallback_value: '₺1.250,00', code: 'TRY', amount_1000: 1250000 } }],
    ['date_time', { '3': { type: 'date_time', fallback_value: '12 Mart 2026' } }],
    ['button values', { 'button.0': 'A1B2', 'button.1': 'SAVE10' }],
  ])('accepts %s', (_label, values) => {
    expect(TemplateValues.safeParse(values).success).toBe(true);
  });

  it.each([
    ['a number as a value', { '1': 42 }],
    ['a lower-case currency code', { '1': { type: 'currency', fallback_value: '$1', code: 'usd', amount_1000: 1000 } }],
    ['a fractional amount_1000', { '1': { type: 'currency', fallback_value: '$1', code: 'USD', amount_1000: 1000.5 } }],
    ['media with both link and id', { header: { type: 'image', link: 'https://x.example/a.jpg', id: '1' } }],
    ['media with neither link nor id', { header: { type: 'video' } }],
    ['media with a link that is not a URL', { header: { type: 'image', link: 'not a url' } }],
    ['an unknown object type', { '1': { type: 'sticker', id: '1' } }],
    ['latitude out of range', { header: { type: 'location', latitude: 91, longitude: 0 } }],
  ])('rejects %s', (_label, values) => {
    expect(TemplateValues.safeParse(values).success).toBe(false);
  });
});
