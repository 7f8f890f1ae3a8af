import { isWellFormedText } from '../../contract/json-bounds'

/**
 * Text that is not well-formed Unicode (a lone surrogate, e.g. half of an emoji cut in two) can
 * never be sent: it has no UTF-8 form, so building the request fails every time. Such values are
 * refused when the change is made, with the field and where in its value the text is.
 */

export const MALFORMED_TEXT_MESSAGE =
  'holds text that is not well-formed Unicode (a lone surrogate); it could never be sent to the portal'

/**
 * Where the first text or key of `value` that is not well-formed is (the path from the value's
 * root; empty for the value itself), or undefined when every text is well-formed.
 */
export function malformedTextPath(value: unknown): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }]
  const seen = new Set<object>()
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: current, path } = item
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) return path
      continue
    }
    if (current === null || typeof current !== 'object' || seen.has(current)) continue
    seen.add(current)
    const isList = Array.isArray(current)
    for (const [key, child] of Object.entries(current)) {
      if (!isList && !isWellFormedText(key)) return [...path, key]
      stack.push({ value: child, path: [...path, isList ? Number(key) : key] })
    }
  }
  return undefined
}
