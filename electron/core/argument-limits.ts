import { MAX_ARGUMENT_CHARS, MAX_ARGUMENT_DEPTH, MAX_ARGUMENT_NODES } from '../contract'
import { issuePath } from './bounded-echo'

export interface ArgumentLimits {
  /** Levels of objects and arrays nested in one another. */
  depth: number
  /** Values of any kind, the argument itself included. */
  nodes: number
  /** Characters of all strings and keys together (bytes, for binary data). */
  chars: number
}

export const CONTRACT_ARGUMENT_LIMITS: ArgumentLimits = {
  depth: MAX_ARGUMENT_DEPTH,
  nodes: MAX_ARGUMENT_NODES,
  chars: MAX_ARGUMENT_CHARS
}

/** Where an argument first went beyond a limit, and which limit: the shape of a schema issue. */
export interface LimitIssue {
  path: string
  message: string
  limit: number
}

interface Visit {
  value: unknown
  /** Objects and arrays the value sits in. */
  depth: number
  parent: Visit | undefined
  key: PropertyKey | undefined
}

const count = (n: number) => n.toLocaleString('en')

/**
 * Measures an argument with an explicit stack — a recursive walk would itself overflow on the
 * arguments it is there to refuse — and returns the first limit it goes beyond, or undefined.
 * A value that contains itself (possible over a structured clone, not over JSON) ends at the depth
 * limit, and every step counts against the value limit, so the walk always ends.
 */
export function exceededArgumentLimit(
  argument: unknown,
  limits: ArgumentLimits = CONTRACT_ARGUMENT_LIMITS
): LimitIssue | undefined {
  const stack: Visit[] = [{ value: argument, depth: 0, parent: undefined, key: undefined }]
  let nodes = 0
  let chars = 0
  const tooMany = (at: Visit) => issueAt(at, `An argument may hold at most ${count(limits.nodes)} values`, limits.nodes)
  const tooLong = (at: Visit) =>
    issueAt(at, `An argument may hold at most ${count(limits.chars)} characters of text`, limits.chars)

  while (stack.length > 0) {
    const visit = stack.pop() as Visit
    const { value } = visit
    nodes += 1
    if (nodes > limits.nodes) return tooMany(visit)
    if (typeof value === 'string') {
      chars += value.length
      if (chars > limits.chars) return tooLong(visit)
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (visit.depth >= limits.depth) {
      return issueAt(visit, `An argument may nest objects and lists at most ${limits.depth} levels deep`, limits.depth)
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      chars += value.byteLength
      if (chars > limits.chars) return tooLong(visit)
      continue
    }
    // Checked before the children are listed: a sparse list may claim billions of items.
    const keys = Array.isArray(value) ? undefined : Object.keys(value)
    const size = keys ? keys.length : (value as unknown[]).length
    if (nodes + stack.length + size > limits.nodes) return tooMany(visit)
    if (keys) {
      for (const key of keys) {
        chars += key.length
        if (chars > limits.chars) return tooLong(visit)
        stack.push({ value: (value as Record<string, unknown>)[key], depth: visit.depth + 1, parent: visit, key })
      }
    } else {
      const list = value as unknown[]
      for (let index = 0; index < list.length; index++) {
        stack.push({ value: list[index], depth: visit.depth + 1, parent: visit, key: index })
      }
    }
  }
  return undefined
}

function issueAt(visit: Visit, message: string, limit: number): LimitIssue {
  const segments: PropertyKey[] = []
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) segments.push(at.key)
  return { path: issuePath(segments.reverse()), message, limit }
}
