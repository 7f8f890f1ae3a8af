/**
 * References to earlier commands of a batch (docs/bitrix24-protocol.md §9): `$result[key][path]…`, and
 * the same for `$next`, `$total`, `$time`, `$error`. The portal substitutes them before a command
 * runs; here we write them, find them, and substitute them ourselves when the command they point
 * to ran in an earlier HTTP request (a later chunk, or a retry of part of a batch).
 */
export type ReferenceKind = 'result' | 'next' | 'total' | 'time' | 'error'

/** `$result[key][…path]`: a reference to an earlier command's result (or next/total/…). */
export function batchRef(kind: ReferenceKind, key: string, ...path: Array<string | number>): string {
  return `$${kind}${[key, ...path].map((segment) => `[${segment}]`).join('')}`
}

/** `$result[key][…path]`, the usual one: e.g. `resultRef('p3', 49, 'ID')`. */
export function resultRef(key: string, ...path: Array<string | number>): string {
  return batchRef('result', key, ...path)
}

const REFERENCE = /\$(result|next|total|time|error)((?:\[[^\]]*\])+)/gi
const WHOLE_REFERENCE = /^\$(result|next|total|time|error)((?:\[[^\]]*\])+)$/i

/** What a finished command left behind, for references to it. */
export interface ReferenceSource {
  result?: unknown
  next?: number
  total?: number
  time?: unknown
  error?: { error: string; error_description: string }
}

/** The command keys a params object refers to, anywhere in its values. */
export function referencedKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(REFERENCE)) into.add(pathOf(match[2]!)[0]!)
  } else if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) referencedKeys(child, into)
  }
  return into
}

/**
 * Replaces references to commands in `sources` the way the portal does: a value that is exactly
 * one reference takes the referenced value of any type; a reference inside longer text is
 * replaced only by a string or a number. References to other keys are left for the portal.
 */
export function resolveReferences<T>(value: T, sources: ReadonlyMap<string, ReferenceSource>): T {
  return resolve(value, sources) as T
}

function resolve(value: unknown, sources: ReadonlyMap<string, ReferenceSource>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value)
    if (whole) {
      const found = lookUp(sources, whole[1]!, whole[2]!)
      return found.known ? found.value : value
    }
    return value.replace(REFERENCE, (text, kind: string, path: string) => {
      const found = lookUp(sources, kind, path)
      return found.known && (typeof found.value === 'string' || typeof found.value === 'number')
        ? String(found.value)
        : text
    })
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, sources))
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, resolve(child, sources)]))
  }
  return value
}

function pathOf(brackets: string): string[] {
  return [...brackets.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!)
}

function lookUp(
  sources: ReadonlyMap<string, ReferenceSource>,
  kind: string,
  brackets: string
): { known: boolean; value?: unknown } {
  const [key, ...path] = pathOf(brackets)
  const source = sources.get(key!)
  if (!source) return { known: false }
  let value: unknown = source[kind.toLowerCase() as ReferenceKind]
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return { known: false }
    value = (value as Record<string, unknown>)[segment]
  }
  return value === undefined ? { known: false } : { known: true, value }
}
