/**
 * What an error may say back about a caller's value: enough to recognise it, never so much that a
 * huge or deeply nested value comes back whole (or breaks the serialising of the reply).
 */
export const ECHO_LIMITS = {
  /** Levels of objects and arrays kept; anything deeper is shown as `…`. */
  depth: 8,
  /** Items of one array, or keys of one object, kept. */
  entries: 500,
  /** Values kept in all. */
  nodes: 5_000,
  /** Characters of one string or key kept. */
  textChars: 1_000,
  /** Characters of all strings and keys kept together. */
  totalChars: 50_000
} as const

const ELLIPSIS = '…'

/** The text itself when short enough, else its start and how much was left off. */
export function shortText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}${ELLIPSIS} (${text.length - max} more characters)`
}

/** Path segments joined with dots, each cut short: keys of a hostile argument may be huge. */
export function issuePath(segments: readonly PropertyKey[]): string {
  return segments.map((segment) => shortText(String(segment), 40)).join('.')
}

interface Pending {
  source: unknown
  depth: number
  place: (copy: unknown) => void
}

/**
 * A copy of `value` within ECHO_LIMITS, made with an explicit stack (a recursive copy would
 * overflow on the very values it must cut). Strings, arrays and objects beyond a limit are cut
 * with a visible mark; values JSON cannot hold (BigInt, functions, symbols) become text or go.
 */
export function boundedEcho(value: unknown): unknown {
  let result: unknown
  const stack: Pending[] = [{ source: value, depth: 0, place: (copy) => (result = copy) }]
  let nodes = 0
  let chars = 0
  const text = (source: string) => {
    const kept = shortText(source, Math.max(0, Math.min(ECHO_LIMITS.textChars, ECHO_LIMITS.totalChars - chars)))
    chars += Math.min(source.length, ECHO_LIMITS.textChars)
    return kept
  }

  while (stack.length > 0) {
    const { source, depth, place } = stack.pop() as Pending
    nodes += 1
    if (nodes > ECHO_LIMITS.nodes) {
      place(ELLIPSIS)
    } else if (typeof source === 'string') {
      place(text(source))
    } else if (typeof source === 'bigint') {
      place(String(source))
    } else if (typeof source === 'function' || typeof source === 'symbol') {
      place(undefined)
    } else if (typeof source !== 'object' || source === null || source instanceof Date) {
      place(source)
    } else if (depth >= ECHO_LIMITS.depth) {
      place(ELLIPSIS)
    } else if (Array.isArray(source)) {
      const copy: unknown[] = []
      place(copy)
      const kept = Math.min(source.length, ECHO_LIMITS.entries)
      for (let index = kept - 1; index >= 0; index--) {
        stack.push({ source: source[index], depth: depth + 1, place: (item) => (copy[index] = item) })
      }
      if (source.length > kept) copy[kept] = `${ELLIPSIS} (${source.length - kept} more items)`
    } else {
      const copy: Record<string, unknown> = {}
      place(copy)
      const entries: Pending[] = []
      for (const key in source) {
        if (!Object.hasOwn(source, key)) continue
        if (entries.length === ECHO_LIMITS.entries) {
          setOwn(copy, ELLIPSIS, 'more keys left off')
          break
        }
        const shownKey = text(key)
        setOwn(copy, shownKey, undefined) // keeps the keys in their order
        const item = (source as Record<string, unknown>)[key]
        entries.push({ source: item, depth: depth + 1, place: (copied) => setOwn(copy, shownKey, copied) })
      }
      stack.push(...entries.reverse())
    }
  }
  return result
}

/** Sets a key as an own property, even `__proto__` (plain assignment would change the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
