import { isWellFormedText, jsonPlaces } from '../../contract/json-bounds'

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
  for (const { value: current, path } of jsonPlaces(value, { once: true })) {
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) return path
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      const key = Object.keys(current).find((name) => !isWellFormedText(name))
      if (key !== undefined) return [...path, key]
    }
  }
  return undefined
}
