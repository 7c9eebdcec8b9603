import { describe, expect, it } from 'vitest';
import { signMetaBody, verifyMetaSignature } from '../../../server/whatsapp/signature';

const SECRET = 'app-secret-for-tests';
// Meta escapes non-ASCII as \uXXXX and "/" as "\/": the signature covers exactly these bytes.
const RAW = '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"text":{"body":"Te\\u015fekk\\u00fcrler https:\\/\\/x.co"}}]}}]}]}';

describe('Meta webhook signatures', () => {
  const good = signMetaBody(RAW, SECRET);

  it('signs as sha256=<64 hex>', () => {
    expect(good).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('matches a known HMAC-SHA256 vector', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    expect(signMetaBody('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it.each([
    ['the right signature', RAW, good, true],
    ['the same bytes as a Uint8Array', new TextEncoder().encode(RAW), good, true],
    ['upper-case hex', RAW, `sha256=${good.slice(7).toUpperCase()}`, true],
    ['a missing header', RAW, undefined, false],
    ['an empty header', RAW, '', false],
    ['a tampered body', RAW.replace('Te', 'Ta'), good, false],
    ['the body re-serialised (escapes lost)', JSON.stringify(JSON.parse(RAW)), good, false],
    ['another secret', RAW, signMetaBody(RAW, 'other-secret'), false],
    ['the sha1 header format', RAW, `sha1=${good.slice(7, 47)}`, false],
    ['a truncated digest', RAW, good.slice(0, -2), false],
    ['non-hex characters', RAW, `sha256=${'z'.repeat(64)}`, false],
    ['no prefix', RAW, good.slice(7), false],
  ] as Array<[string, string | Uint8Array, string | undefined, boolean]>)('%s → %s', (_label, body, header, expected) => {
    expect(verifyMetaSignature(body, header, SECRET)).toBe(expected);
  });

  it('refuses everything when no app secret is configured', () => {
    expect(verifyMetaSignature(RAW, signMetaBody(RAW, ''), '')).toBe(false);
  });
});
