import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaJson, signatureFor } from '../../server/sandbox/webhooks/meta-json';

describe('metaJson', () => {
  it.each([
    ['Şükrü Öztürk', '"\\u015e\\u00fckr\\u00fc \\u00d6zt\\u00fcrk"'],
    ['https://kargo.example.com/t/1', '"https:\\/\\/kargo.example.com\\/t\\/1"'],
    ['emoji 😀', '"emoji \\ud83d\\ude00"'],
    ['quote " and \\ and \n', '"quote \\" and \\\\ and \\n"'],
    ['plain ASCII ~', '"plain ASCII ~"'],
  ])('escapes %j like Meta', (input, expected) => {
    expect(metaJson(input)).toBe(expected);
  });

  it('parses back to the same value and is pure ASCII', () => {
    const value = { name: 'İğdır Çağrı', url: 'https://a.example.com/x?y=ü', n: 1387372356700001, nested: [{ ok: true }] };
    const text = metaJson(value);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('signs the bytes given', () => {
    const body = metaJson({ a: 'ç' });
    expect(signatureFor(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  });
});
