import fc from 'fast-check'

/**
 * Arguments an attacker or a broken renderer could send: wrong types, special numbers, texts that
 * break parsers (lone surrogates, direction marks, FTS5 and SQL syntax), huge and deep values, and
 * objects whose keys are JavaScript's own (`__proto__`, `constructor`, `prototype`).
 */

/** Texts chosen to break something: Unicode edge cases, query languages, paths, markup. */
export const NASTY_TEXTS = [
  '',
  ' ',
  '\uD800',
  'a\uDC00b',
  '\uDBFF\uDFFF\uD83D',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '\u200F\u05E9\u05DC\u05D5\u05DD\u200E',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\0',
  '\u0007\u001b[31m',
  '"a" OR b*',
  'NEAR(a b, 2)',
  'a AND NOT b',
  '{title}: x',
  '^start',
  'col:"x"',
  '"unterminated',
  '*',
  "'; DROP TABLE leads; --",
  '1 OR 1=1',
  "x' UNION SELECT * FROM outbox --",
  '%',
  '_',
  '\\',
  '$result[x][0]',
  'fields[TITLE]=x&y[]=1',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'TITLE',
  'UF_CRM_1',
  '2024-02-30T25:61:00+99:00',
  'https://evil.invalid/',
  'javascript:alert(1)'
] as const

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit))
const oddCharacter = fc.oneof(
  fc.constantFrom('\u202E', '\u200B', '\u200F', '\uFEFF', '\0', '"', "'", '*', '(', ')', ':', '^', '-', '%', '[', ']'),
  loneSurrogate,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
)

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXTS), weight: 4 },
  { arbitrary: fc.string({ unit: oddCharacter, maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(1_000, 100_001, 1_000_001).map((length) => 'x'.repeat(length)),
    weight: 1
  }
)

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    -1,
    0.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    2 ** 31,
    2 ** 53,
    Number.EPSILON
  ),
  fc.double(),
  fc.integer()
)

/** An array or object nested `depth` levels deep, built without recursion. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value }
  return value
}

const hugeArray = (length: number) => Array.from({ length }, (_, index) => index)
const hugeObject = (keys: number) =>
  Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, index]))

/** Large values are made once: the handlers must not change what they were given. */
const BIG_VALUES: readonly unknown[] = [
  nested(30, 'array'),
  nested(1_000, 'object'),
  nested(100_000, 'array'),
  nested(100_000, 'object'),
  hugeArray(100_000),
  hugeObject(50_000),
  Array.from({ length: 2_000 }, () => 'x'.repeat(100))
]

/** Objects with JavaScript's own names as keys, as JSON.parse makes them (own properties). */
const PROTOTYPE_KEYS: readonly unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"prototype": 1, "toString": "x", "valueOf": null, "hasOwnProperty": 0}'),
  JSON.parse('{"__proto__": null}'),
  JSON.parse('[{"__proto__": {"isAdmin": true}}]')
]

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n })
)

/** Values of JavaScript types JSON has no word for (the Electron IPC's structured clone carries some). */
const exotic: fc.Arbitrary<unknown> = fc.constantFrom(
  new Date(NaN),
  new Date(0),
  new Map([['a', 1]]),
  new Set([1]),
  /x/g,
  new Uint8Array(4),
  new ArrayBuffer(8),
  new Error('boom'),
  Object.create(null) as unknown
)

/** Any hostile value: the scalars above, and lists and maps of them with hostile keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.constantFrom(...BIG_VALUES), weight: 1 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
    { arbitrary: exotic, weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.dictionary(hostileKey(), tie('value'), { maxKeys: 5 }), weight: 2 }
  )
})).value

/** Keys of an argument's object: JavaScript's own names, near-misses of real keys, anything. */
export function hostileKey(realKeys: readonly string[] = []): fc.Arbitrary<string> {
  const nearMisses = realKeys.flatMap((key) => [key.toUpperCase(), `${key} `, `${key}\u200B`])
  return fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', '\uD800', '0', ...nearMisses),
    hostileText.filter((key) => key.length < 200)
  )
}
