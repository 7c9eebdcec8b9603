import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { asEmail, emailInText } from '../../../extension/helpdesks/dom-read';
import type { FoundPhone } from '../../../extension/helpdesks/text-scan';
import { findPhonesInText, orderNumbersIn, parsePhone, rankPhones } from '../../../extension/helpdesks/text-scan';

const phonesIn = (text: string) => findPhonesInText(text).map((p) => p.e164);

describe('findPhonesInText: real numbers are found (default region TR)', () => {
  it.each([
    ['Numaram 0532 418 27 96, teşekkürler', '+905324182796'],
    ['Tel: +90 (532) 418-27-96', '+905324182796'],
    ['cep: 0 (532) 418 27 96.', '+905324182796'],
    ['05324182796 numarasından arayın', '+905324182796'],
    ['WhatsApp +905324182796', '+905324182796'],
    ['532 418 27 96', '+905324182796'],
    ['0532-418-27-96', '+905324182796'],
    ['0532.418.27.96', '+905324182796'],
    ['+90 532 418 2796', '+905324182796'],
    ['Tel:05324182796', '+905324182796'],
    ['ofis (0212) 555 12 34', '+902125551234'],
    ['0850 555 00 11 çağrı merkezi', '+908505550011'],
    ['Madrid: +34 612 345 678', '+34612345678'],
    ['US office +1 415 555 0132', '+14155550132'],
  ])('%s → %s', (text, e164) => {
    expect(phonesIn(text)).toEqual([e164]);
  });

  it('finds every number in a list', () => {
    expect(phonesIn('0532 418 27 96 - 0533 612 45 78 / 0212 555 12 34; +90 505 771 34 12')).toEqual([
      '+905324182796',
      '+905336124578',
      '+902125551234',
      '+905057713412',
    ]);
  });

  it('keeps the number as written for the agent', () => {
    expect(findPhonesInText('Beni 0 (543) 515 60 71 numarasından arayın')[0]?.raw).toBe('0 (543) 515 60 71');
  });
});

describe('findPhonesInText: look-alikes are not phones', () => {
  it.each([
    ['date', 'Sipariş tarihi 12.03.2025 14:30'],
    ['ISO date', 'teslim 2025-03-12'],
    ['slashed date', 'fatura 12/03/2025'],
    ['amount', 'tutar 5.324.182,96 TL'],
    ['amount with symbol before', 'iade ₺5324182796'],
    ['amount with code after', 'bakiye 5324182796 TRY'],
    ['keyword order number', 'Sipariş no: 5324182796'],
    ['Turkish order phrase', '5324182796 numaralı siparişim'],
    ['hash order number', 'sipariş #5324182796'],
    ['prefixed ref', 'ORD-5324182796'],
    ['letter-glued ref', 'X5324182796'],
    ['IBAN', 'IBAN: TR33 0006 1005 1978 6457 8413 26'],
    ['IBAN digits only', 'hesap 0006 1005 1978 6457 8413 26'],
    ['IBAN compact', 'TR330006100519786457841326'],
    ['card number', 'kart 4543 5324 1827 9612'],
    ['phone-like run inside a longer digit-group run', 'referans 0532 418 27 96 11'],
    ['tracking number', 'kargo takip 7312345678901'],
    ['e-mail local part', '5324182796@example.com'],
  ])('%s: %s', (_kind, text) => {
    expect(phonesIn(text)).toEqual([]);
  });

  it('never takes a phone from an IBAN written in groups', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 24, maxLength: 24 }), (digits) => {
        const groups = `TR${digits.join('')}`.match(/.{1,4}/g) ?? [];
        return phonesIn(`IBAN: ${groups.join(' ')} (Ayşe Yılmaz)`).length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('never takes a phone from a date or a time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), (date) => {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()].map((n) => String(n).padStart(2, '0'));
        const hm = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
        return phonesIn(`${d}.${m}.${y} ${hm} / ${y}-${m}-${d} / ${d}/${m}/${y}`).length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('never takes a phone from an amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), fc.integer({ min: 0, max: 99 }), (lira, kurus) => {
        const grouped = lira.toLocaleString('tr-TR');
        const cents = String(kurus).padStart(2, '0');
        return phonesIn(`Tutar: ${grouped},${cents} TL — ₺${grouped} — ${lira} TRY`).length === 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('parsePhone', () => {
  it.each([
    ['+90 (532) 418-27-96', '+905324182796'],
    ['0 532 700 11 22', '+905327001122'],
    ['dahili 12', null],
    ['0532 418', null],
  ])('%s → %s', (raw, e164) => {
    expect(parsePhone(raw)?.e164 ?? null).toBe(e164);
  });
});

describe('rankPhones', () => {
  const found = (e164: string, source: FoundPhone['source'], extra: Partial<FoundPhone> = {}): FoundPhone => ({
    e164, raw: e164, source, nearKeyword: false, mobile: true, position: 0, ...extra,
  });

  it('puts profile fields, then tel: links, then numbers near a keyword, then mobiles first', () => {
    const ranked = rankPhones([
      found('+902125551234', 'text', { mobile: false, position: 0 }),
      found('+905336124578', 'text', { position: 1 }),
      found('+905057713412', 'text', { nearKeyword: true, mobile: false, position: 2 }),
      found('+905421234567', 'tel_link', { position: 3 }),
      found('+905324182796', 'field', { position: 4 }),
    ]);
    expect(ranked.map((c) => c.e164)).toEqual([
      '+905324182796',
      '+905421234567',
      '+905057713412',
      '+905336124578',
      '+902125551234',
    ]);
  });

  it('lists a number once, with its most trusted source', () => {
    const ranked = rankPhones([found('+905324182796', 'text', { raw: '0532 418 27 96' }), found('+905324182796', 'field', { raw: '+90 532 418 27 96' })]);
    expect(ranked).toEqual([{ e164: '+905324182796', raw: '+90 532 418 27 96', source: 'field' }]);
  });

  it('ranks a number after "WhatsApp" above one without a keyword', () => {
    const ranked = rankPhones(findPhonesInText('Ofis 0533 612 45 78. WhatsApp: 0532 418 27 96'));
    expect(ranked.map((c) => c.e164)).toEqual(['+905324182796', '+905336124578']);
  });
});

describe('orderNumbersIn', () => {
  it.each([
    ['Sipariş no: 784512', ['784512']],
    ['SİPARİŞ NO: 99812', ['99812']],
    ['Sipariş numaram: 784601', ['784601']],
    ['siparişimin numarası 784555 idi', ['784555']],
    ['784512 numaralı siparişim gelmedi', ['784512']],
    ['Siparişim #TR-10482 hâlâ yok', ['TR-10482']],
    ['#tr-10482 ve #1001', ['TR-10482', '1001']],
    ['order ORD-2024-000917, pedido nº 55-8812', ['ORD-2024-000917', '55-8812']],
    ['Amazon 111-2223334-5556667', ['111-2223334-5556667']],
    ['Order #A-10482 and order 778812', ['A-10482', '778812']],
    ['Talep #5521 ve Ticket #4711', []], // ticket references
    ['Siparişim 0532 418 27 96 numarasına kayıtlı', []], // a phone after the keyword
    ['Siparişim 2 gündür gelmedi', []],
    ['teslim 12.03.2025, IBAN TR33 0006 1005 1978 6457 8413 26', []],
  ])('%s → %j', (text, expected) => {
    expect(orderNumbersIn([text])).toEqual(expected);
  });

  it("leaves out the ticket's own numbers and repeats", () => {
    expect(orderNumbersIn(['#4711 Sipariş no: 784512', 'Sipariş #784512'], ['4711'])).toEqual(['784512']);
  });
});

describe('e-mail extraction', () => {
  it.each([
    ['ayse.yilmaz@example.com', 'ayse.yilmaz@example.com'],
    ['mailto:ayse@example.com.tr', 'ayse@example.com.tr'],
    ['not an address', undefined],
    ['ayse@@example.com', undefined],
  ])('asEmail(%s) → %s', (value, expected) => {
    expect(asEmail(value)).toBe(expected);
  });

  it('takes the first address from text, accepted by the shared schema', () => {
    const email = emailInText('Yazışma: <ayse.yilmaz+iade@example.com>, cc: destek@acme.example');
    expect(email).toBe('ayse.yilmaz+iade@example.com');
    expect(z.email().safeParse(email).success).toBe(true);
  });
});
