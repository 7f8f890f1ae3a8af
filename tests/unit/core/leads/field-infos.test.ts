import { describe, expect, it } from 'vitest'
import { fieldInfos } from '../../../../electron/core/leads/field-infos'
import type { PortalMetadata } from '../../../../electron/core/metadata/portal-metadata'
import type { CrmStatus } from '../../../../electron/core/portal/methods/statuses'
import type { PortalUser } from '../../../../electron/core/portal/methods/users'

const descriptor = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  title: 'caption',
  isRequired: false,
  isReadOnly: false,
  isImmutable: false,
  isMultiple: false,
  isDynamic: false,
  ...extra
})
const userfield = (type: string, extra: Record<string, unknown> = {}) =>
  descriptor(type, { isDynamic: true, listLabel: 'Portal label', formLabel: 'Portal label', settings: {}, ...extra })

const status = (ENTITY_ID: string, STATUS_ID: string, NAME: string, extra: Partial<CrmStatus> = {}) =>
  ({ ENTITY_ID, STATUS_ID, NAME, COLOR: null, SEMANTICS: null, ...extra }) as CrmStatus
const user = (ID: string, NAME: string | null, LAST_NAME: string | null, ACTIVE = true) =>
  ({ ID, NAME, LAST_NAME, ACTIVE }) as PortalUser

const metadata = {
  fields: {
    STATUS_ID: descriptor('crm_status', { statusType: 'STATUS', title: 'Stage', isRequired: true }),
    SOURCE_ID: descriptor('crm_status', { statusType: 'SOURCE' }),
    ASSIGNED_BY_ID: descriptor('user'),
    OPPORTUNITY: descriptor('double'),
    COMPANY_ID: descriptor('crm_company'),
    EMAIL: descriptor('crm_multifield', { isMultiple: true }),
    UF_CRM_LINKS: userfield('crm', { settings: { CONTACT: 'Y', COMPANY: 'Y', LEAD: 'N' } }),
    UF_CRM_ANY: userfield('crm'),
    UF_CRM_FORM_ONLY: userfield('string'),
    UF_CRM_NO_LABEL: userfield('string'),
    UF_CRM_OWNER: userfield('employee'),
    UF_CRM_INDUSTRY: userfield('crm_status', { settings: { ENTITY_TYPE: 'INDUSTRY' } })
  },
  userFields: [
    { FIELD_NAME: 'UF_CRM_LINKS', LIST_COLUMN_LABEL: 'Linked', EDIT_FORM_LABEL: 'Linked records', MANDATORY: 'Y' },
    { FIELD_NAME: 'UF_CRM_FORM_ONLY', LIST_COLUMN_LABEL: '', EDIT_FORM_LABEL: 'Form label', MANDATORY: 'N' },
    { FIELD_NAME: 'UF_CRM_NO_LABEL', LIST_COLUMN_LABEL: null, EDIT_FORM_LABEL: null, MANDATORY: 'N' }
  ],
  statuses: [
    status('STATUS', 'NEW', 'Unassigned', { COLOR: '#2FC6F6' }),
    status('STATUS', 'CONVERTED', 'Good lead', { SEMANTICS: 'S', EXTRA: { SEMANTICS: 'success', COLOR: '#7BD500' } }),
    status('STATUS', 'JUNK', 'Junk lead', { SEMANTICS: 'F' }),
    status('SOURCE', 'CALL', 'Call'),
    status('INDUSTRY', 'IT', 'Information technology')
  ],
  users: [user('3', 'Zoe', 'Adams'), user('1', null, null, false), user('2', 'Anna', 'Brown')]
} as unknown as Pick<PortalMetadata, 'fields' | 'statuses' | 'users' | 'userFields'>

const byCode = (infos: ReturnType<typeof fieldInfos>) => Object.fromEntries(infos.map((info) => [info.code, info]))

describe('fieldInfos', () => {
  const infos = byCode(fieldInfos(metadata))

  it('gives stages with their colour and meaning, in the portal’s order', () => {
    expect(infos.STATUS_ID!.items).toEqual([
      { value: 'NEW', label: 'Unassigned', color: '#2fc6f6', semantics: 'process' },
      { value: 'CONVERTED', label: 'Good lead', color: '#7bd500', semantics: 'success' },
      { value: 'JUNK', label: 'Junk lead', semantics: 'failure' }
    ])
    expect(infos.SOURCE_ID!.items).toEqual([{ value: 'CALL', label: 'Call' }])
    expect(infos.UF_CRM_INDUSTRY!.items).toEqual([{ value: 'IT', label: 'Information technology' }])
  })

  it('gives the portal’s users as choices of user fields: by name, inactive ones last and marked', () => {
    const expected = [
      { value: '2', label: 'Anna Brown' },
      { value: '3', label: 'Zoe Adams' },
      { value: '1', label: '1', inactive: true }
    ]
    expect(infos.ASSIGNED_BY_ID!.items).toEqual(expected)
    expect(infos.UF_CRM_OWNER!.items).toEqual(expected)
  })

  it('has no user choices while the users are not known (any ID is then taken)', () => {
    expect(byCode(fieldInfos({ ...metadata, users: undefined })).ASSIGNED_BY_ID!.items).toBeUndefined()
  })

  it('labels userfields by list label, else form label; none when the portal has neither', () => {
    expect(infos.UF_CRM_LINKS!.labels).toEqual({ en: 'Linked' })
    expect(infos.UF_CRM_FORM_ONLY!.labels).toEqual({ en: 'Form label' })
    expect(infos.UF_CRM_NO_LABEL!.labels).toBeUndefined()
    const both = byCode(
      fieldInfos(metadata, {
        en: metadata.userFields!,
        ru: [{ FIELD_NAME: 'UF_CRM_LINKS', LIST_COLUMN_LABEL: 'Связи' }] as never
      })
    )
    expect(both.UF_CRM_LINKS!.labels).toEqual({ en: 'Linked', ru: 'Связи' })
  })

  it('marks userfields (isDynamic) apart from the portal’s own fields', () => {
    expect([infos.UF_CRM_LINKS!.isUserField, infos.UF_CRM_OWNER!.isUserField]).toEqual([true, true])
    expect([infos.STATUS_ID!.isUserField, infos.EMAIL!.isUserField]).toEqual([false, false])
  })

  it('marks required fields: isRequired and mandatory userfields', () => {
    expect([infos.STATUS_ID!.required, infos.UF_CRM_LINKS!.required, infos.SOURCE_ID!.required]).toEqual([
      true,
      true,
      false
    ])
  })

  it('tells where an amount’s currency is and what a binding may point at', () => {
    expect(infos.OPPORTUNITY!.currencyField).toBe('CURRENCY_ID')
    expect(infos.UF_CRM_LINKS!.entityTypes).toEqual(['CONTACT', 'COMPANY'])
    expect(infos.UF_CRM_ANY!.entityTypes).toEqual(['LEAD'])
    expect(infos.COMPANY_ID!.entityTypes).toEqual(['COMPANY'])
  })

  it('offers the kinds of e-mail items, and lets them be edited', () => {
    expect(infos.EMAIL).toMatchObject({ readOnly: false, valueTypes: ['WORK', 'HOME', 'MAILING', 'OTHER'] })
  })
})
