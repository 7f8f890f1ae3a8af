import { AppError } from '../errors'

/** Bitrix24 field codes: TITLE, STATUS_ID, UF_CRM_1708952993785, PARENT_ID_1036, ... */
const FIELD_CODE = /^[A-Z][A-Z0-9_]*$/

/**
 * Field names reach SQL only as known columns or inside a json_extract path, so anything that
 * is not a plausible code is refused here.
 */
export function isFieldCode(code: unknown): code is string {
  return typeof code === 'string' && FIELD_CODE.test(code)
}

export function assertFieldCode(code: unknown, context: string): asserts code is string {
  if (!isFieldCode(code)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `${context}: "${String(code)}" is not a field code (like TITLE or UF_CRM_5).`
    )
  }
}

export function assertPatch(patch: unknown, context: string): asserts patch is Record<string, unknown> {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new AppError('INVALID_ARGUMENT', `${context}: the field values must be an object.`)
  }
  for (const code of Object.keys(patch)) {
    assertFieldCode(code, context)
    if (code === 'ID') throw new AppError('INVALID_ARGUMENT', `${context}: ID cannot be set.`)
  }
}
