/**
 * PHP's parse_str for form-encoded bodies and query strings: `fields[TITLE]=X`,
 * `fields[PHONE][0][VALUE]=1`, `select[]=ID`. Every value is a string, as PHP gives them.
 * Objects whose keys are 0..n-1 stay objects here; `toPhpArray` callers decide.
 */
export type PhpValue = string | PhpMap
export interface PhpMap {
  [key: string]: PhpValue
}

function splitKey(rawKey: string): string[] {
  const open = rawKey.indexOf('[')
  if (open <= 0) return [rawKey]
  const path = [rawKey.slice(0, open)]
  const rest = rawKey.slice(open)
  const pattern = /\[([^\]]*)\]/g
  let match: RegExpExecArray | null
  let consumed = 0
  while ((match = pattern.exec(rest)) && match.index === consumed) {
    path.push(match[1]!)
    consumed += match[0].length
  }
  return path
}

function nextIndex(map: PhpMap): string {
  let max = -1
  for (const key of Object.keys(map)) if (/^\d+$/.test(key)) max = Math.max(max, Number(key))
  return String(max + 1)
}

/**
 * Maps without a prototype: to PHP `__proto__` or `constructor` is a key like any other, and
 * `a[__proto__][x]=1` must not reach the prototype every object shares.
 */
const newMap = (): PhpMap => Object.create(null) as PhpMap

export function assignPath(target: PhpMap, path: string[], value: string): void {
  let node = target
  path.forEach((segment, index) => {
    const key = segment === '' ? nextIndex(node) : segment
    if (index === path.length - 1) {
      node[key] = value
      return
    }
    const child = node[key]
    if (typeof child !== 'object') node[key] = newMap()
    node = node[key] as PhpMap
  })
}

export function parsePhpQuery(text: string): PhpMap {
  const result = newMap()
  if (!text) return result
  for (const pair of text.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '))
      } catch {
        return s
      }
    }
    const key = decode(eq === -1 ? pair : pair.slice(0, eq))
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1))
    if (!key) continue
    assignPath(result, splitKey(key), value)
  }
  return listify(result) as PhpMap
}

/** Turns maps keyed 0..n-1 into arrays, the way PHP arrays become JSON lists. */
export function listify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(listify)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>)
  const isList = entries.length > 0 && entries.every(([key], index) => key === String(index))
  if (isList) return entries.map(([, child]) => listify(child))
  return Object.fromEntries(entries.map(([key, child]) => [key, listify(child)]))
}

/** The inverse: PHP bracket encoding of nested values (used for event deliveries). */
export function encodePhpQuery(value: Record<string, unknown>, prefix = ''): string {
  const parts: string[] = []
  for (const [key, child] of Object.entries(value)) {
    const name = prefix ? `${prefix}[${key}]` : key
    if (child !== null && typeof child === 'object') {
      const nested = encodePhpQuery(child as Record<string, unknown>, name)
      if (nested) parts.push(nested)
    } else {
      const text =
        child === null || child === undefined ? '' : child === true ? '1' : child === false ? '0' : String(child)
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`)
    }
  }
  return parts.join('&')
}
