import { describe, expect, it } from 'vitest';
import { buildValues, currencyKey, parseLocation } from '../../../extension/features/variables-form/typed-values';
import { computeDraft } from '../../../extension/features/variables-form/use-draft';
import { formatCountdown, formatDateInput, parseAmount } from '../../../extension/lib/format';
import { shippedTemplate } from './fixtures';

describe('dates and amounts are written in the template’s language', () => {
  it.each([
    ['2026-03-12', 'tr', '12 Mart 2026'],
    ['2026-03-12', 'en_US', 'March 12, 2026'],
    ['2026-02-30', 'tr', null],
    ['12.03.2026', 'tr', null],
  ])('%s in %s → %s', (input, lang, expected) => {
    expect(formatDateInput(input, lang)).toBe(expected);
  });

  it.each([
    ['1250', 1250],
    ['1.250,50', 1250.5],
    ['1,250.50', 1250.5],
    ['1.249,90 TL', 1249.9],
    ['42.50 USD', 42.5],
    ['12,5', 12.5],
    ['₺ 99', 99],
    ['abc', null],
    ['', null],
  ])('amount %s → %s', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it('a Turkish template gets a Turkish-formatted amount whatever the panel language', () => {
    const t = shippedTemplate({
      variables: [{ key: '1', placeholder: '1', location: 'body', kind: 'amount', required: true }],
      components: [{ type: 'BODY', text: 'Tutar: {{1}}' }],
    });
    expect(buildValues(t, { '1': '1250,5' }).values).toEqual({ '1': '₺1.250,50' });
    expect(buildValues(t, { '1': '1250,5', [currencyKey('1')]: 'EUR' }).values).toEqual({ '1': '€1.250,50' });
    expect(buildValues(t, { '1': 'on iki' }).problems).toEqual([{ key: '1', code: 'INVALID_AMOUNT' }]);
    expect(buildValues(t, { '1': '$42.50' }).values).toEqual({ '1': '$42,50' }); // the typed currency wins
  });

  it.each([
    ['41.0082, 28.9784', { type: 'location', latitude: 41.0082, longitude: 28.9784 }],
    ['41.0082 28.9784, Kadıköy', { type: 'location', latitude: 41.0082, longitude: 28.9784, name: 'Kadıköy' }],
    ['95, 10', null],
    ['here', null],
  ])('location %s', (text, expected) => {
    expect(parseLocation(text)).toEqual(expected);
  });

  it('formats the window countdown with fixed width', () => {
    expect(formatCountdown(23 * 3600_000 + 5 * 60_000 + 9_000)).toBe('23:05:09');
    expect(formatCountdown(-5)).toBe('00:00:00');
  });
});

describe('computeDraft: preview and problems from the shared renderTemplate', () => {
  it('a complete draft renders the final text and link', () => {
    const d = computeDraft(shippedTemplate(), { '1': 'Ayşe', '2': 'TR-10482', '3': '2026-03-12', 'button.0': 'TR-10482ç' });
    expect(d.problems).toEqual([]);
    expect(d.render.ok && d.render.message.body).toBe('Merhaba Ayşe, *TR-10482* numaralı siparişiniz kargoya verildi. Tahmini teslim: 12 Mart 2026.');
    expect(d.render.ok && d.render.message.buttons[0]?.url).toBe('https://kargo.example.com/takip/TR-10482%C3%A7');
  });

  it('reports each problem next to its variable, and shows the draft so far', () => {
    const d = computeDraft(shippedTemplate(), { '1': 'Ayşe\nYılmaz', '2': '', '3': '2026-02-30', 'button.0': 'x' });
    expect(d.problems.map((p) => [p.key, p.code])).toEqual([
      ['3', 'INVALID_DATE'],
      ['1', 'NEWLINE'],
      ['2', 'MISSING'],
    ]);
    expect(computeDraft(shippedTemplate(), { '3': 'yarın 14:00–18:00' }).values['3']).toBe('yarın 14:00–18:00');
    expect(!d.render.ok && d.render.draft.body).toContain('{{2}}');
  });
});
