/** What local validation reports about a value, with a code the UI can translate. */

export type FieldErrorCode =
  /** A required value is empty (TITLE on update, a mandatory user field). */
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'invalid_email'
  /** Text where a number belongs. */
  | 'invalid_number'
  /** Text or a fraction where a whole number (an ID) belongs. */
  | 'invalid_integer'
  | 'out_of_range'
  | 'invalid_date'
  | 'invalid_flag'
  /** A stage, source, salutation or crm_status value the portal's list does not have. */
  | 'unknown_status'
  /** An enumeration ID the field's LIST does not have. */
  | 'unknown_list_item'
  /** A user ID that is not one of the portal's users. */
  | 'unknown_user'
  | 'invalid_money'
  | 'invalid_url'
  /** A crm binding that is not `{PREFIX}_{ID}` or an ID. */
  | 'invalid_binding'
  /** A multifield VALUE_TYPE the list does not allow (the portal would silently use another). */
  | 'invalid_value_type'
  /** A value of the wrong structure (an object for text, a string for a phone list). */
  | 'invalid_shape'
  /** Several values for a field that holds one. */
  | 'not_multiple'
  /** A field the portal computes: it would drop the value without a word. */
  | 'read_only'
  /** A field the portal does not have: it would drop the value without a word. */
  | 'unknown_field'
  /** Text that is not well-formed Unicode (a lone surrogate): it could never be sent. */
  | 'malformed_text'

/**
 * What a message about a value names, so the UI can word it in its own language: the value as
 * typed (cut when long), lengths and limits, the kinds a list allows.
 */
export type FieldErrorParams = { [name: string]: string | number }

export interface FieldError {
  field: string
  /** How the user knows the field: a user field's label, else the field code. */
  label?: string
  code: FieldErrorCode
  /** In English, for the log; the UI words `code` with `params`. */
  message: string
  params?: FieldErrorParams
  /** For lists (multifields, multiple user fields): the position of the item at fault. */
  item?: number
}

/** One value checked: its normalised form, or what is wrong with it. */
export type Checked =
  { ok: true; value: unknown } | { ok: false; code: FieldErrorCode; message: string; params?: FieldErrorParams }

export const valid = (value: unknown): Checked => ({ ok: true, value })
export const invalid = (code: FieldErrorCode, message: string, params?: FieldErrorParams): Checked =>
  params ? { ok: false, code, message, params } : { ok: false, code, message }

/** The value the user typed, for a message's params: as text, cut when long. */
export function typed(value: unknown): string {
  const text = typeof value === 'string' ? value : printed(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** The user's input as it appears in a message: quoted, and cut when long. */
export function shown(value: unknown): string {
  return JSON.stringify(typed(value))
}

/** Length in characters as the portal counts them (code points, not UTF-16 units). */
export const characterCount = (text: string) => [...text].length

function printed(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return Object.prototype.toString.call(value) // a cycle, or a value JSON cannot print
  }
}
