/**
 * PHP bracket encoding of a params object, as the portal's `parse_str` reads a batch command's
 * query string (docs/bitrix24-protocol.md §1.2, §9): `fields[TITLE]=X&fields[PHONE][0][VALUE]=1&select[]=ID`.
 *
 * Value conventions (the same as PHP's own http_build_query, so nothing is guessed):
 * - `null` → empty string (the portal reads it as "empty"); `undefined` → the key is left out.
 * - `true`/`false` → `1`/`0`. CRM flags are `'Y'`/`'N'` strings: pass them as strings. A boolean
 *   is meant for parameters PHP casts itself (batch `halt`, `REGISTER_SONET_EVENT`, ...).
 * - Numbers and bigints in decimal; a number that is not finite is refused (PHP has no spelling
 *   the portal would read back). Dates as ISO-8601, like JSON.stringify writes them.
 * - A list of scalars becomes `key[]=a&key[]=b`; a list holding objects or lists gets explicit
 *   indexes (`key[0][VALUE]=…`), since `[]` would start a new element for every leaf.
 * - An empty list or object sends nothing: the query string has no way to say "empty array"
 *   (`filter=` would reach the portal as a string and fail "must be array").
 * - Batch references (`$result[add]`, `$result[p3][49][ID]`, `$next[...]`…) are written literally,
 *   so the portal substitutes them; the text around them is URL-encoded as usual.
 */
const REFERENCE = /\$(?:result|next|total|time|error)(?:\[[\w.-]*\])+/gi

export function encodePhpQuery(params: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(params)) appendValue(parts, encodeKey(key), value)
  return parts.join('&')
}

function appendValue(parts: string[], name: string, value: unknown): void {
  if (value === undefined) return
  if (Array.isArray(value)) {
    const indexed = value.some(isContainer)
    value.forEach((item, index) => appendValue(parts, `${name}[${indexed ? index : ''}]`, item))
    return
  }
  if (isContainer(value)) {
    for (const [key, child] of Object.entries(value)) appendValue(parts, `${name}[${encodeKey(key)}]`, child)
    return
  }
  parts.push(`${name}=${encodeScalar(value, name)}`)
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object' && !(value instanceof Date)
}

function encodeScalar(value: unknown, name: string): string {
  if (value === null) return ''
  if (value === true) return '1'
  if (value === false) return '0'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot send ${value} as ${decodeURIComponent(name)}`)
    return String(value)
  }
  if (value instanceof Date) return encodeURIComponent(value.toISOString())
  return encodeText(String(value))
}

/** URL-encodes text but keeps batch references literal. */
function encodeText(text: string): string {
  let encoded = ''
  let from = 0
  for (const match of text.matchAll(REFERENCE)) {
    encoded += encodeURIComponent(text.slice(from, match.index)) + match[0]
    from = match.index + match[0].length
  }
  return encoded + encodeURIComponent(text.slice(from))
}

/** A key segment: brackets are structure, so a bracket inside a key cannot be sent (PHP limit). */
function encodeKey(key: string): string {
  if (/[[\]]/.test(key)) throw new RangeError(`A parameter name cannot contain brackets: ${key}`)
  return encodeURIComponent(key)
}
