import { describe, expect, it } from 'vitest'
import type { UserFieldDefinition } from '../../../../electron/core/domain/field-shapes'
import { validateLeadFields, type ValidationContext } from '../../../../electron/core/domain/validate-lead-fields'

/** Values that cannot exist on the portal are refused before they are queued. */
const context: ValidationContext = {
  mode: 'update',
  statuses: [
    { ENTITY_ID: 'STATUS', STATUS_ID: 'NEW' },
    { ENTITY_ID: 'STATUS', STATUS_ID: 'PROCESSED' },
    { ENTITY_ID: 'SOURCE', STATUS_ID: 'CALL' }
  ],
  userIds: new Set(['1', '7']),
  userFields: [
    { FIELD_NAME: 'UF_CRM_OWNER', USER_TYPE_ID: 'employee', MULTIPLE: 'N', MANDATORY: 'N' },
    { FIELD_NAME: 'UF_CRM_HELPERS', USER_TYPE_ID: 'employee', MULTIPLE: 'Y', MANDATORY: 'N' },
    {
      FIELD_NAME: 'UF_CRM_SIZE',
      USER_TYPE_ID: 'enumeration',
      MULTIPLE: 'N',
      MANDATORY: 'N',
      LIST: [{ ID: '10', VALUE: 'Small' }]
    }
  ] as UserFieldDefinition[]
}

const errorsOf = (patch: Record<string, unknown>, given: ValidationContext = context) => {
  const result = validateLeadFields(patch, given)
  return result.ok ? [] : result.errors.map(({ field, code, message }) => ({ field, code, message }))
}

describe('list values and users that the portal does not have', () => {
  it('takes a stage, a source, a list item and users the portal has', () => {
    const result = validateLeadFields(
      { STATUS_ID: 'PROCESSED', SOURCE_ID: 'CALL', UF_CRM_SIZE: '10', ASSIGNED_BY_ID: 7, UF_CRM_OWNER: '1' },
      context
    )
    expect(result).toEqual({
      ok: true,
      normalised: {
        STATUS_ID: 'PROCESSED',
        SOURCE_ID: 'CALL',
        UF_CRM_SIZE: '10',
        ASSIGNED_BY_ID: '7',
        UF_CRM_OWNER: '1'
      }
    })
  })

  it('refuses a stage given by its label instead of its code', () => {
    expect(errorsOf({ STATUS_ID: 'Good lead' })).toEqual([
      { field: 'STATUS_ID', code: 'unknown_status', message: 'STATUS_ID: "Good lead" is not a stage of this portal' }
    ])
  })

  it('refuses a responsible person who is not a user of the portal', () => {
    expect(errorsOf({ ASSIGNED_BY_ID: '999' })).toEqual([
      { field: 'ASSIGNED_BY_ID', code: 'unknown_user', message: 'ASSIGNED_BY_ID: "999" is not a user of this portal' }
    ])
  })

  it('refuses an employee userfield value that is not a user, naming the item of a multiple one', () => {
    expect(errorsOf({ UF_CRM_OWNER: 42 })).toEqual([
      { field: 'UF_CRM_OWNER', code: 'unknown_user', message: 'UF_CRM_OWNER: "42" is not a user of this portal' }
    ])
    const result = validateLeadFields({ UF_CRM_HELPERS: ['1', '5'] }, context)
    expect(result.ok ? [] : result.errors.map(({ code, item }) => ({ code, item }))).toEqual([
      { code: 'unknown_user', item: 1 }
    ])
  })

  it('refuses a list item the field does not have', () => {
    expect(errorsOf({ UF_CRM_SIZE: '11' })).toEqual([
      { field: 'UF_CRM_SIZE', code: 'unknown_list_item', message: 'UF_CRM_SIZE: "11" is not an item of this list' }
    ])
  })

  it('takes any user ID while the portal’s users are not known', () => {
    expect(errorsOf({ ASSIGNED_BY_ID: '999', UF_CRM_OWNER: '998' }, { ...context, userIds: undefined })).toEqual([])
  })
})
