/**
 * fast-check arbitraries for hostile HTTP requests: nasty JSON values (unicode of every plane, lone
 * surrogates, NUL, huge and tiny numbers, deep nesting, prototype-pollution keys), bodies that are
 * schema-shaped but mutated, malformed and non-JSON bodies, odd content types, query strings, path
 * parameters and header values (only what an HTTP client can actually put on the wire).
 */
import fc from 'fast-check';

/** Strings that have broken parsers, databases and renderers before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ufeff{"a":1}',
  '\u202e\u0041\u0042',
  '𝕂ö𝕡𝕣ü 🇹🇷 👩‍👩‍👧‍👦',
  'İıŞşĞğÇçÖöÜü',
  '%00',
  '%',
  '%zz',
  '%2e%2e%2f',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '" OR 1=1 --',
  '{{1}}',
  '${process.env.WHATSAPP_ACCESS_TOKEN}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '+905321234567',
  '0532 123 45 67',
  '+1',
  '+999999999999999999999',
  'KOPRU-ABCDE',
  'STOP',
  'msg_00000000-0000-0000-0000-000000000000',
  'x'.repeat(5000),
  '9'.repeat(400),
] as const;

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
);

export const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308, 0.1, 1.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Object keys including the ones that pollute prototypes when assigned naively. */
export const nastyKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '1', '2', 'header', 'button.0', 'phone', 'template', 'text', 'values', 'ticket', ''),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Builds an object whose keys may include `__proto__` as an OWN property (as JSON.parse makes it). */
export function objectFrom(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(nastyKey, tie('value')), { maxLength: 4 }).map(objectFrom),
  ),
})).value;

type Path = Array<string | number>;

function leafPaths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => leafPaths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
}

type Mutation = { at: number; kind: 'replace' | 'delete' | 'add' | 'wrap'; key: string; value: unknown };

function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = leafPaths(root);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.kind === 'wrap' ? [root] : m.kind === 'replace' ? m.value : root;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') delete parent[last];
  else if (m.kind === 'wrap') parent[last] = { value: parent[last] };
  else if (typeof parent === 'object' && !Array.isArray(parent)) Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A valid body with 0–3 random mutations: replaced leaves, removed keys, added (polluting) keys. */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'delete', 'add', 'wrap'), key: nastyKey, value: nastyValue }) as fc.Arbitrary<Mutation>;
  return fc
    .tuple(valid, fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: fc.array(mutation, { maxLength: 3 }) }))
    .map(([v, ms]) => ms.reduce((acc, m) => applyMutation(acc, m), structuredClone(v)));
}

/** A raw request body: what goes on the wire, plus a label for the report. */
export type RawBody = { kind: string; body: string | Uint8Array<ArrayBuffer> | undefined };

const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

/** `valid`: the bodies a well-behaved client would send (mutated from there). */
export function rawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<RawBody> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedBody(valid).map((v) => ({ kind: 'mutated', body: JSON.stringify(v) ?? 'null' })) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((body) => ({ kind: 'any json', body })) },
    { weight: 1, arbitrary: nastyValue.map((v) => ({ kind: 'nasty value', body: JSON.stringify(v) ?? 'null' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(10, 1000, 20_000, 100_000).chain((n) =>
        fc.constantFrom(
          { kind: `deep array ${n}`, body: deep(n, '[', ']') },
          { kind: `deep object ${n}`, body: deep(n, '{"a":', '}') },
          { kind: `deep values ${n}`, body: `{"phone":"+905321234567","template":{"name":"order_confirmation","language":"tr"},"values":{"1":${deep(n, '{"type":"currency","x":', '}')}}}` },
          { kind: `deep ticket ${n}`, body: `{"phone":"+905321234567","channel":"email","ticket":${deep(n, '{"id":', '}', '"1"')}}` },
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { kind: 'proto pollution', body: '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}' },
        { kind: 'proto in values', body: '{"phone":"+905321234567","template":{"name":"order_confirmation","language":"tr"},"values":{"__proto__":{"1":"x"},"constructor":"y"}}' },
        { kind: 'proto in ticket', body: '{"phone":"+905321234567","channel":"email","ticket":{"__proto__":{"id":"x","system":"y"}}}' },
        { kind: 'duplicate keys', body: '{"phone":"+905321234567","phone":{"a":1},"text":"a","text":null}' },
        { kind: 'huge string (over the limit)', body: JSON.stringify({ phone: '+905321234567', text: 'x'.repeat(300 * 1024) }) },
        { kind: 'big string (under the limit)', body: JSON.stringify({ phone: '+905321234567', text: 'ğ'.repeat(100 * 1024) }) },
        { kind: 'many keys', body: JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))) },
        { kind: 'long array', body: JSON.stringify({ topics: Array.from({ length: 50_000 }, () => 'marketing') }) },
        { kind: 'empty', body: '' },
        { kind: 'no body', body: undefined },
        { kind: 'whitespace', body: ' \n\t ' },
        { kind: 'BOM + json', body: '\ufeff{"phone":"+905321234567"}' },
        { kind: 'NaN literal', body: '{"a":NaN}' },
        { kind: 'trailing comma', body: '{"a":1,}' },
        { kind: 'single quotes', body: "{'a':1}" },
        { kind: 'unterminated', body: '{"phone":"+9053' },
        { kind: 'number overflow', body: '{"limit":1e999999,"after":-1e999999}' },
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ kind: 'random text', body })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'random bytes', body: new Uint8Array(bytes) })) },
  );
}

export const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/json, text/plain',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'multipart/form-data',
      'application/octet-stream',
      '*/*',
      ';;;',
      'application/json; boundary=',
    ),
  },
);

/** Header values a client can send (no CR/LF/NUL; Latin-1 only — UTF-8 goes as its bytes). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => Buffer.from(s, 'utf8').toString('latin1')),
  fc.string({ unit: fc.constantFrom(...'\t ÿé¡«»'), maxLength: 20 }),
  fc.nat({ max: 400 }).map((n) => 'k'.repeat(n)),
  fc.constantFrom('', ' ', '\t', 'a b', 'x'.repeat(7), 'x'.repeat(8), 'x'.repeat(200), 'x'.repeat(201), '%00', 'null', 'undefined', '"quoted"'),
);

export const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(
    fc.oneof(fc.constantFrom('q', 'language', 'status', 'all', 'after', 'limit', 'hub.mode', 'hub.verify_token', 'hub.challenge', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
    fc.oneof(nastyString, nastyNumber.map(String)),
    { maxKeys: 4 },
  ).map((d) => new URLSearchParams(Object.entries(d).map(([k, v]) => [k, String(v)])).toString()),
  fc.constantFrom('status=all&status=usable', 'limit=0', 'limit=1001', 'after=-1', 'limit=1.5', 'limit=1e3', 'q=%', 'q=%zz', 'language=tr&language=en', 'all=TRUE', '&&&', '=', '==x', '?', '#frag', 'a[b]=c', 'a[]=1&a[]=2'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => s.replace(/#/g, '')),
);

/** A path parameter: anything, percent-encoded, or raw characters that are legal in a URL path. */
export const pathParam: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))),
  fc.constantFrom('%', '%zz', '%00', '%2F', '..', '.', '%2e%2e', 'a%2Fb', '%ff%fe', '%c0%af', ';', ',', '~', '@', "'", '(', '*'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~!$&\'()*+,;=:@%'), maxLength: 30 }),
);
