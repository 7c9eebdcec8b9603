import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '../../../server/core/request-hash';

describe('requestHash', () => {
  it('is the same for the same body with keys in any order, at any depth', () => {
    const a = { phone: '+905321112233', template: { name: 'x', language: 'tr' }, values: { '1': 'a', '2': { type: 'currency', code: 'TRY' } } };
    const b = { values: { '2': { code: 'TRY', type: 'currency' }, '1': 'a' }, template: { language: 'tr', name: 'x' }, phone: '+905321112233' };
    expect(requestHash(a)).toBe(requestHash(b));
  });

  it.each([
    [{ text: 'Merhaba' }, { text: 'Merhaba ' }],
    [{ values: { '1': 'a' } }, { values: { '1': 'b' } }],
    [{ list: [1, 2] }, { list: [2, 1] }],
    [{ a: null }, { a: 'null' }],
    [{ a: 1 }, { a: '1' }],
  ])('differs when the content differs: %j vs %j', (x, y) => {
    expect(requestHash(x)).not.toBe(requestHash(y));
  });

  it('ignores undefined fields, like JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
