/**
 * Bounds of a free-form JSON value in an argument (a field value, the REST console's params).
 * The value is walked without recursion (`jsonPlaces`), so a value nested 100,000 levels deep is
 * measured, and refused, without a stack overflow; the walk stops at the first problem.
 */
import type { z } from 'zod'

export interface JsonBounds {
  /** Levels of nesting: a scalar is 0 deep, a list or map of scalars 1. */
  maxDepth: number
  /** Keys and list items, at every level together. */
  maxEntries: number
  /** Characters of all texts and keys together. */
  maxChars: number
  /** Every text and key must be well-formed Unicode (no lone surrogate): it is sent on as it is. */
  wellFormed?: boolean
}

export interface JsonProblem {
  /** Where in the value, from its root. */
  path: Array<string | number>
  message: string
}

const counted = (n: number) => n.toLocaleString('en')

/** In Unicode mode a surrogate pair is one code point, so only a lone surrogate is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u

/** Text without a lone surrogate: what can be encoded as UTF-8 (and so sent in a URL or a body). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text)

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** A place in a JSON value: the value there and its path from the root (list indexes as numbers). */
export interface JsonPlace {
  value: unknown
  path: Array<string | number>
}

/**
 * Every place of a value, depth first, walked with an explicit stack (a value nested 100,000 levels
 * deep is walked, not a stack overflow). An object or list is met before what it holds, so a
 * consumer that stops there never goes in. `once`: an object met again (a value that contains
 * itself) is not walked again.
 */
export function* jsonPlaces(value: unknown, options: { once?: boolean } = {}): Generator<JsonPlace> {
  const stack: JsonPlace[] = [{ value, path: [] }]
  const seen = options.once ? new Set<object>() : undefined
  for (let place = stack.pop(); place; place = stack.pop()) {
    yield place
    const { value: current, path } = place
    if (current === null || typeof current !== 'object' || seen?.has(current)) continue
    seen?.add(current)
    const isList = Array.isArray(current)
    for (const key of Object.keys(current)) {
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, isList ? Number(key) : key] })
    }
  }
}

/** The first way `value` breaks the bounds (or is no JSON value), or undefined when it keeps them. */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): JsonProblem | undefined {
  let entries = 0
  let chars = 0
  const text = (path: Array<string | number>, what: 'text' | 'key', value: string): JsonProblem | undefined => {
    chars += value.length
    if (chars > bounds.maxChars) return { path, message: `may hold at most ${counted(bounds.maxChars)} characters` }
    if (bounds.wellFormed && !isWellFormedText(value))
      return { path, message: `holds a ${what} that is not well-formed Unicode (a lone surrogate)` }
    return undefined
  }
  for (const { value: current, path } of jsonPlaces(value)) {
    switch (typeof current) {
      case 'string': {
        const problem = text(path, 'text', current)
        if (problem) return problem
        continue
      }
      case 'number':
        if (!Number.isFinite(current))
          return { path, message: `holds ${String(current)}, which is no number JSON can hold` }
        continue
      case 'boolean':
      case 'undefined':
        continue
      case 'object': {
        if (current === null) continue
        const isList = Array.isArray(current)
        if (!isList && !isPlainObject(current))
          return { path, message: 'may hold only texts, numbers, true/false, null, lists and maps' }
        if (path.length + 1 > bounds.maxDepth) {
          return { path, message: `may be nested at most ${bounds.maxDepth} levels deep` }
        }
        const keys = Object.keys(current)
        entries += keys.length
        if (entries > bounds.maxEntries) {
          return { path, message: `may hold at most ${counted(bounds.maxEntries)} keys and list items` }
        }
        if (isList) continue
        for (const key of keys) {
          const problem = text([...path, key], 'key', key)
          if (problem) return problem
        }
        continue
      }
      default:
        return { path, message: `holds a ${typeof current}, which is no JSON value` }
    }
  }
  return undefined
}

/** A zod refinement that reports the first problem of the value at its own path. */
export const withinJsonBounds =
  (bounds: JsonBounds, subject: string) =>
  (value: unknown, context: z.core.$RefinementCtx): void => {
    const problem = jsonBoundsProblem(value, bounds)
    // Later checks (the JSON size) need not run on a value refused here (it may be 100,000 levels deep).
    if (problem)
      context.addIssue({
        code: 'custom',
        path: problem.path,
        message: `${subject} ${problem.message}`,
        continue: false
      })
  }
