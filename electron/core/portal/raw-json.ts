/**
 * JSON read in parts. A batch of 50 list pages is one answer of several megabytes; parsed at once,
 * its thousands of rows are all alive together, and V8 answers by growing its young generation to
 * the maximum (over 100 MB of memory that stays committed). Here the answer is only scanned for
 * where each value starts and ends, and each part is parsed when it is needed: one page at a time.
 *
 * The scanner checks structure (brackets, strings) only; a part that is not valid JSON fails when
 * it is parsed.
 */

/** A value inside a JSON text, not parsed yet. */
export class RawJson {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number
  ) {}

  /** The whole text as one value (whitespace around it allowed). */
  static of(text: string): RawJson {
    const start = skipWhitespace(text, 0)
    const end = valueEnd(text, start)
    if (skipWhitespace(text, end) !== text.length) throw syntaxError(text, end, 'text after the value')
    return new RawJson(text, start, end)
  }

  get kind(): 'object' | 'array' | 'string' | 'other' {
    const first = this.text[this.start]
    return first === '{' ? 'object' : first === '[' ? 'array' : first === '"' ? 'string' : 'other'
  }

  parse<T = unknown>(): T {
    return JSON.parse(this.text.slice(this.start, this.end)) as T
  }

  /** An object's members, in order, each unparsed. */
  members(): Array<[string, RawJson]> {
    if (this.kind !== 'object') throw syntaxError(this.text, this.start, 'an object was expected')
    const members: Array<[string, RawJson]> = []
    this.eachItem('}', (at) => {
      const keyEnd = stringEnd(this.text, at)
      const key = JSON.parse(this.text.slice(at, keyEnd)) as string
      const colon = skipWhitespace(this.text, keyEnd)
      if (this.text[colon] !== ':') throw syntaxError(this.text, colon, '":" was expected')
      const valueStart = skipWhitespace(this.text, colon + 1)
      const end = valueEnd(this.text, valueStart)
      members.push([key, new RawJson(this.text, valueStart, end)])
      return end
    })
    return members
  }

  /** One member of an object, or undefined. */
  member(key: string): RawJson | undefined {
    return this.members().find(([name]) => name === key)?.[1]
  }

  /** An array's elements, in order, each unparsed. */
  elements(): RawJson[] {
    if (this.kind !== 'array') throw syntaxError(this.text, this.start, 'an array was expected')
    const elements: RawJson[] = []
    this.eachItem(']', (at) => {
      const end = valueEnd(this.text, at)
      elements.push(new RawJson(this.text, at, end))
      return end
    })
    return elements
  }

  /** Walks the comma-separated items up to `close`; `read` takes an item's start, returns its end. */
  private eachItem(close: '}' | ']', read: (at: number) => number): void {
    let at = skipWhitespace(this.text, this.start + 1)
    if (this.text[at] === close) return
    for (;;) {
      at = skipWhitespace(this.text, read(at))
      if (this.text[at] === close) return
      if (this.text[at] !== ',') throw syntaxError(this.text, at, `"," or "${close}" was expected`)
      at = skipWhitespace(this.text, at + 1)
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

function skipWhitespace(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at)
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) break
    at++
  }
  return at
}

/** Where the string opening at `at` ends (after its closing quote). */
function stringEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== QUOTE) throw syntaxError(text, at, 'a string was expected')
  let quote = at
  for (;;) {
    quote = text.indexOf('"', quote + 1)
    if (quote < 0) throw syntaxError(text, at, 'the string does not end')
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    // An even number of backslashes escape each other, not the quote.
    if (backslashes % 2 === 0) return quote + 1
  }
}

/** Where the value starting at `at` ends. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at)
  if (first === QUOTE) return stringEnd(text, at)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return literalEnd(text, at)
  let depth = 0
  for (let index = at; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === QUOTE) index = stringEnd(text, index) - 1
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++
    else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) return index + 1
  }
  throw syntaxError(text, at, 'the value does not end')
}

/** A number, true, false or null: up to the next delimiter. */
function literalEnd(text: string, at: number): number {
  let end = at
  while (end < text.length && !/[\s,\]}:]/.test(text[end]!)) end++
  if (end === at) throw syntaxError(text, at, 'a value was expected')
  return end
}

function syntaxError(text: string, at: number, what: string): SyntaxError {
  return new SyntaxError(`Not valid JSON at position ${at} (${what}): ${text.slice(at, at + 40)}`)
}
