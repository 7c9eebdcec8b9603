import { describe, expect, it } from 'vitest';
import { languageForPhone, matchButton, matchKeyword } from '../../../server/core/keywords';
import { findCodes, newCode } from '../../../server/core/optin-codes';

const none = { optOutKeywords: [], optInKeywords: [] };

describe('opt-out and opt-in keywords', () => {
  it.each([
    ['STOP', 'opt_out', 'en'],
    ['stop', 'opt_out', 'en'],
    ['Stop.', 'opt_out', 'en'],
    ['  UNSUBSCRIBE  ', 'opt_out', 'en'],
    ['DUR', 'opt_out', 'tr'],
    ['dur.', 'opt_out', 'tr'],
    ['Dur!!!', 'opt_out', 'tr'],
    ['İptal', 'opt_out', 'tr'],
    ['iptal', 'opt_out', 'tr'],
    ['IPTAL', 'opt_out', 'tr'],
    ['İPTAL', 'opt_out', 'tr'],
    ['I\u0307ptal', 'opt_out', 'tr'], // İ written as I + combining dot
    ['iptal 🙏', 'opt_out', 'tr'],
    ['"iptal"', 'opt_out', 'tr'],
    ['ABONELİKTEN ÇIK', 'opt_out', 'tr'],
    ['Durdur', 'opt_out', 'tr'],
    ['abonelikten çık', 'opt_out', 'tr'],
    ['Abonelikten   cik', 'opt_out', 'tr'], // no Turkish keyboard, extra spaces
    ['START', 'opt_in', 'en'],
    ['start!', 'opt_in', 'en'],
    ['BAŞLA', 'opt_in', 'tr'],
    ['başla', 'opt_in', 'tr'],
    ['basla', 'opt_in', 'tr'],
  ])('%j → %s (%s)', (text, intent, language) => {
    expect(matchKeyword(text, none)).toMatchObject({ intent, language });
  });

  it.each([
    'Durum nedir?',
    'stop sending me the invoice',
    'Siparişimi iptal etmek istiyorum',
    'durdurun lütfen beni aramayın ama siparişim nerede',
    'Siparişi durdur',
    'STOPPED',
    'dursun',
    'başladı mı?',
    '',
    '🛑',
    'restart',
  ])('%j is not a keyword', (text) => {
    expect(matchKeyword(text, none)).toBeNull();
  });

  it('adds configured keywords in both directions, and an opt-out keyword wins a tie', () => {
    const extra = { optOutKeywords: ['HAYIR', 'istemiyorum'], optInKeywords: ['EVET', 'hayır'] };
    expect(matchKeyword('hayır', extra)).toEqual({ intent: 'opt_out', keyword: 'HAYIR', language: null });
    expect(matchKeyword('İSTEMİYORUM', extra)).toMatchObject({ intent: 'opt_out' });
    expect(matchKeyword('Evet.', extra)).toEqual({ intent: 'opt_in', keyword: 'EVET', language: null });
    expect(matchKeyword('evet ama', extra)).toBeNull();
  });

  it('reads quick-reply buttons by payload first, then label', () => {
    expect(matchButton({ payload: 'STOP', text: 'Whatever' }, none)).toMatchObject({ intent: 'opt_out' });
    expect(matchButton({ payload: 'opt_out' }, none)).toMatchObject({ intent: 'opt_out' });
    expect(matchButton({ text: 'Bildirimleri durdur' }, none)).toMatchObject({ intent: 'opt_out', language: 'tr' });
    // Meta sends the label as the payload when a template's quick reply has none.
    expect(matchButton({ payload: 'Stop updates', text: 'Stop updates' }, none)).toMatchObject({ intent: 'opt_out', language: 'en' });
    expect(matchButton({ payload: 'Durdur', text: 'Durdur' }, none)).toMatchObject({ intent: 'opt_out', language: 'tr' });
    // Button-only phrases are not keywords when typed.
    expect(matchKeyword('Stop updates', none)).toBeNull();
    expect(matchButton({ payload: 'ORDER_4711', text: 'Başla' }, none)).toMatchObject({ intent: 'opt_in', language: 'tr' });
    expect(matchButton({ payload: 'ORDER_4711', text: 'Track my order' }, none)).toBeNull();
  });

  it('answers +90 numbers in Turkish and others in English', () => {
    expect(languageForPhone('+905324182796')).toBe('tr');
    expect(languageForPhone('+447911123456')).toBe('en');
  });
});

describe('opt-in / hand-off codes', () => {
  it('are easy to read: KOPRU- and five characters without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^KOPRU-[2-9A-HJKMNP-Z]{5}$/);
  });

  it.each([
    ["Merhaba! Bildirim almak istiyorum. Onay kodum: KOPRU-7F3KQ", ['KOPRU-7F3KQ']],
    ['kopru-7f3kq', ['KOPRU-7F3KQ']],
    ['Köprü 7F3KQ lütfen', ['KOPRU-7F3KQ']],
    ['KOPRU7F3KQ', ['KOPRU-7F3KQ']],
    ['codes KOPRU-AAAAA and KOPRU-BBBBB', ['KOPRU-AAAAA', 'KOPRU-BBBBB']],
    ['KOPRU-7F3KQX', []],
    ['XKOPRU-7F3KQ', []],
    ['no code here', []],
  ])('finds codes in %j', (text, codes) => {
    expect(findCodes(text)).toEqual(codes);
  });
});
