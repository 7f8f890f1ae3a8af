/**
 * JSON read in parts. A batch of 50 list pages is one answer of several megabytes. Held as one
 * string, or parsed at once, it lives on the JS heap long enough to be promoted, and V8 answers
 * each such promotion by growing its young generation, up to over 100 MB that stay committed.
 * Here the answer stays as UTF-8 bytes outside the JS heap, is only scanned for where each value
 * starts and ends, and each part is decoded and parsed when it is needed: one page at a time.
 *
 * The scanner looks at brackets and strings only (in UTF-8 no byte of a multi-byte character is
 * ASCII, so bytes can be scanned as they are); a part that is not valid JSON fails when parsed.
 */

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** A value inside a JSON text, not parsed yet. */
export class RawJson {
  constructor(
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number
  ) {}

  /** The whole text (UTF-8 bytes, or a string) as one value; whitespace around it allowed. */
  static of(source: Uint8Array | string): RawJson {
    const bytes = typeof source === 'string' ? encoder.encode(source) : source
    const start = skipWhitespace(bytes, hasByteOrderMark(bytes) ? 3 : 0)
    const end = valueEnd(bytes, start)
    if (skipWhitespace(bytes, end) !== bytes.length) throw syntaxError(bytes, end, 'text after the value')
    return new RawJson(bytes, start, end)
  }

  get kind(): 'object' | 'array' | 'string' | 'other' {
    const first = this.bytes[this.start]
    return first === OPEN_BRACE ? 'object' : first === OPEN_BRACKET ? 'array' : first === QUOTE ? 'string' : 'other'
  }

  /** The value's JSON text. */
  text(): string {
    return decoder.decode(this.bytes.subarray(this.start, this.end))
  }

  parse<T = unknown>(): T {
    return JSON.parse(this.text()) as T
  }

  /** An object's members, in order, each unparsed. */
  members(): Array<[string, RawJson]> {
    if (this.kind !== 'object') throw syntaxError(this.bytes, this.start, 'an object was expected')
    const bytes = this.bytes
    const members: Array<[string, RawJson]> = []
    this.eachMember((at) => {
      const keyEnd = stringEnd(bytes, at)
      const key = new RawJson(bytes, at, keyEnd).parse<string>()
      const colon = skipWhitespace(bytes, keyEnd)
      if (bytes[colon] !== COLON) throw syntaxError(bytes, colon, '":" was expected')
      const valueStart = skipWhitespace(bytes, colon + 1)
      const end = valueEnd(bytes, valueStart)
      members.push([key, new RawJson(bytes, valueStart, end)])
      return end
    })
    return members
  }

  /** An object's members, each parsed but `key`, which stays unparsed and goes through `keep`. */
  parsedMembersBut(key: string, keep: (value: RawJson) => unknown = (value) => value): Record<string, unknown> {
    return Object.fromEntries(this.members().map(([name, value]) => [name, name === key ? keep(value) : value.parse()]))
  }

  /** One member of an object, or undefined. */
  member(key: string): RawJson | undefined {
    return this.members().find(([name]) => name === key)?.[1]
  }

  /** An array's elements, in order, each unparsed. */
  elements(): RawJson[] {
    return [...this.eachElement()]
  }

  /** The same, each found when the caller gets to it, so none is kept longer than needed. */
  *eachElement(): Generator<RawJson> {
    if (this.kind !== 'array') throw syntaxError(this.bytes, this.start, 'an array was expected')
    const bytes = this.bytes
    let at = skipWhitespace(bytes, this.start + 1)
    if (bytes[at] === CLOSE_BRACKET) return
    for (;;) {
      const end = valueEnd(bytes, at)
      yield new RawJson(bytes, at, end)
      at = skipWhitespace(bytes, end)
      if (bytes[at] === CLOSE_BRACKET) return
      if (bytes[at] !== COMMA) throw syntaxError(bytes, at, '"," or "]" was expected')
      at = skipWhitespace(bytes, at + 1)
    }
  }

  /** How many elements an array has, and its last one. */
  countElements(): { count: number; last?: RawJson } {
    let count = 0
    let last: RawJson | undefined
    for (const element of this.eachElement()) {
      count++
      last = element
    }
    return { count, last }
  }

  /** Walks an object's members; `read` takes a member's start and returns its end. */
  private eachMember(read: (at: number) => number): void {
    const bytes = this.bytes
    let at = skipWhitespace(bytes, this.start + 1)
    if (bytes[at] === CLOSE_BRACE) return
    for (;;) {
      at = skipWhitespace(bytes, read(at))
      if (bytes[at] === CLOSE_BRACE) return
      if (bytes[at] !== COMMA) throw syntaxError(bytes, at, '"," or "}" was expected')
      at = skipWhitespace(bytes, at + 1)
    }
  }
}

/** A parsed value, whether it came parsed or as RawJson. */
export function parsedValue<T = unknown>(value: unknown): T {
  return (value instanceof RawJson ? value.parse() : value) as T
}

const QUOTE = 34
const BACKSLASH = 92
const OPEN_BRACE = 123
const OPEN_BRACKET = 91
const CLOSE_BRACE = 125
const CLOSE_BRACKET = 93
const COMMA = 44
const COLON = 58

function isWhitespace(byte: number | undefined): boolean {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9
}

/** A UTF-8 byte order mark, which a decoder drops too. */
function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

function skipWhitespace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isWhitespace(bytes[at])) at++
  return at
}

/** Where the string opening at `at` ends (after its closing quote). */
function stringEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== QUOTE) throw syntaxError(bytes, at, 'a string was expected')
  let quote = at
  for (;;) {
    quote = bytes.indexOf(QUOTE, quote + 1)
    if (quote < 0) throw syntaxError(bytes, at, 'the string does not end')
    let backslashes = 0
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++
    // An even number of backslashes escape each other, not the quote.
    if (backslashes % 2 === 0) return quote + 1
  }
}

/** Where the value starting at `at` ends. */
function valueEnd(bytes: Uint8Array, at: number): number {
  const first = bytes[at]
  if (first === QUOTE) return stringEnd(bytes, at)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return literalEnd(bytes, at)
  let depth = 0
  for (let index = at; index < bytes.length; index++) {
    const byte = bytes[index]
    if (byte === QUOTE) index = stringEnd(bytes, index) - 1
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++
    else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return index + 1
  }
  throw syntaxError(bytes, at, 'the value does not end')
}

/** A number, true, false or null: up to the next delimiter. */
function literalEnd(bytes: Uint8Array, at: number): number {
  let end = at
  while (end < bytes.length) {
    const byte = bytes[end]!
    if (isWhitespace(byte) || byte === COMMA || byte === CLOSE_BRACKET || byte === CLOSE_BRACE || byte === COLON) break
    end++
  }
  if (end === at) throw syntaxError(bytes, at, 'a value was expected')
  return end
}

function syntaxError(bytes: Uint8Array, at: number, what: string): SyntaxError {
  const near = decoder.decode(bytes.subarray(at, at + 40))
  return new SyntaxError(`Not valid JSON at byte ${at} (${what}): ${near}`)
}
