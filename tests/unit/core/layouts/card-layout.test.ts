import { describe, expect, it } from 'vitest'
import {
  defaultCardSections,
  leadCustomerTypeOf,
  resolveCardLayout
} from '../../../../electron/core/layouts/card-layout'
import type { PortalMetadata } from '../../../../electron/core/metadata/portal-metadata'
import type { FieldDescriptor } from '../../../../electron/core/portal/methods/field-descriptors'
import type { CardSection } from '../../../../electron/core/portal/methods/lead-details-configuration'

const standard = (type: string, flags: Partial<FieldDescriptor> = {}): FieldDescriptor =>
  ({
    type,
    isRequired: false,
    isReadOnly: false,
    isImmutable: false,
    isMultiple: false,
    isDynamic: false,
    title: type,
    ...flags
  }) as FieldDescriptor
const userField = (type: string): FieldDescriptor => ({
  type,
  isRequired: false,
  isReadOnly: false,
  isImmutable: false,
  isMultiple: false,
  isDynamic: true,
  title: 'UF',
  listLabel: 'Region',
  formLabel: 'Region',
  filterLabel: 'Region',
  settings: {}
})

const fields: Record<string, FieldDescriptor> = {
  ID: standard('integer', { isReadOnly: true }),
  TITLE: standard('string'),
  STATUS_ID: standard('crm_status'),
  OPPORTUNITY: standard('double'),
  NAME: standard('string'),
  LAST_NAME: standard('string'),
  PHONE: standard('crm_multifield', { isMultiple: true }),
  COMMENTS: standard('string'),
  ASSIGNED_BY_ID: standard('user'),
  DATE_CREATE: standard('datetime', { isReadOnly: true }),
  CONTACT_IDS: standard('crm_contact', { isMultiple: true }),
  UF_CRM_REGION: userField('string')
}

const portalSection = (name: string, elements: CardSection['elements']): CardSection => ({
  name,
  title: `${name} title`,
  type: 'section',
  elements
})
const common = [portalSection('main', [{ name: 'TITLE', optionFlags: '1' }, { name: 'COMMENTS' }])]
const personal = [
  portalSection('mine', [
    { name: 'COMMENTS', optionFlags: 0 },
    { name: 'UF_CRM_REGION', optionFlags: 1 },
    { name: 'NAME', options: { showAlways: 'Y' } }
  ])
]

const metadata = (change: Partial<PortalMetadata>): Pick<PortalMetadata, 'fields' | 'layouts' | 'repeatLayouts'> => ({
  fields,
  layouts: undefined,
  repeatLayouts: undefined,
  ...change
})

describe('which card a lead gets', () => {
  it('is a repeat lead when the client came back', () => {
    expect(leadCustomerTypeOf({ IS_RETURN_CUSTOMER: 'Y' })).toBe(2)
    expect(leadCustomerTypeOf({ IS_RETURN_CUSTOMER: 'N' })).toBe(1)
    expect(leadCustomerTypeOf({})).toBe(1)
  })

  it('takes the personal layout over the common one, with the always-shown flags', () => {
    expect(resolveCardLayout(metadata({ layouts: { common, personal } }), 1)).toEqual({
      source: 'personal',
      leadCustomerType: 1,
      sections: [
        {
          name: 'mine',
          title: 'mine title',
          fields: [
            { code: 'COMMENTS', showAlways: false },
            { code: 'UF_CRM_REGION', showAlways: true },
            { code: 'NAME', showAlways: true }
          ]
        }
      ]
    })
  })

  it('takes the common layout when the user has none', () => {
    expect(resolveCardLayout(metadata({ layouts: { common, personal: null } }), 1)).toEqual({
      source: 'common',
      leadCustomerType: 1,
      sections: [
        {
          name: 'main',
          title: 'main title',
          fields: [
            { code: 'TITLE', showAlways: true },
            { code: 'COMMENTS', showAlways: false }
          ]
        }
      ]
    })
  })

  it('reads repeat leads from their own layouts, never from those of normal leads', () => {
    const both = metadata({ layouts: { common, personal }, repeatLayouts: { common: null, personal: null } })
    expect(resolveCardLayout(both, 2).source).toBe('default')
    const repeatCommon = metadata({
      layouts: { common, personal },
      repeatLayouts: { common: personal, personal: null }
    })
    expect(resolveCardLayout(repeatCommon, 2)).toMatchObject({ source: 'common', leadCustomerType: 2 })
    expect(resolveCardLayout(repeatCommon, 2).sections[0]!.name).toBe('mine')
  })

  it('leaves out fields the portal no longer has, and a field placed twice', () => {
    const stale = [portalSection('main', [{ name: 'UF_CRM_GONE' }, { name: 'TITLE' }, { name: 'TITLE' }])]
    const { sections } = resolveCardLayout(metadata({ layouts: { common: stale, personal: null } }), 1)
    expect(sections[0]!.fields).toEqual([{ code: 'TITLE', showAlways: false }])
  })

  it('builds the default from the fields when nothing is stored (or only an empty list)', () => {
    const layout = resolveCardLayout(metadata({ layouts: { common: [], personal: null } }), 1)
    expect(layout.source).toBe('default')
    expect(layout.sections).toEqual([
      {
        name: 'main',
        title: '',
        fields: [
          { code: 'TITLE', showAlways: true },
          { code: 'STATUS_ID', showAlways: true },
          { code: 'OPPORTUNITY', showAlways: true }
        ]
      },
      {
        name: 'contact',
        title: '',
        fields: [
          { code: 'NAME', showAlways: true },
          { code: 'LAST_NAME', showAlways: true },
          { code: 'PHONE', showAlways: true }
        ]
      },
      {
        name: 'more',
        title: '',
        fields: [
          { code: 'COMMENTS', showAlways: false },
          { code: 'ASSIGNED_BY_ID', showAlways: false }
        ]
      },
      { name: 'userfields', title: '', fields: [{ code: 'UF_CRM_REGION', showAlways: false }] }
    ])
  })

  it('leaves empty sections out of the default', () => {
    const sections = defaultCardSections({ TITLE: fields.TITLE! })
    expect(sections.map((section) => section.name)).toEqual(['main'])
  })
})
