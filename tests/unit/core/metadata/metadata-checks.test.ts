import { describe, expect, it } from 'vitest'
import { checkMetadataPart } from '../../../../electron/core/metadata/metadata-checks'

/** Portal metadata is checked once where it enters the app: bad items go (with a reason), the rest stays. */
describe('checkMetadataPart', () => {
  it('keeps a part never read as not known', () => {
    expect(checkMetadataPart('fields', undefined)).toEqual({ value: undefined, dropped: [] })
    expect(checkMetadataPart('users', null)).toEqual({ value: undefined, dropped: [] })
  })

  it('fields: keeps good descriptors, fills missing flags, and drops one without a type', () => {
    const { value, dropped } = checkMetadataPart('fields', {
      TITLE: { type: 'string', title: 'Title', isRequired: false, isReadOnly: false, isMultiple: false },
      UF_CRM_A: { type: 'enumeration', isDynamic: true, settings: [], items: [{ ID: 5, VALUE: 'One' }] },
      BROKEN: { title: 'No type' }
    })
    expect(Object.keys(value!)).toEqual(['TITLE', 'UF_CRM_A'])
    expect(value!.UF_CRM_A).toMatchObject({
      type: 'enumeration',
      title: '',
      listLabel: '',
      formLabel: '',
      isRequired: false,
      isMultiple: false,
      settings: {},
      items: [{ ID: '5', VALUE: 'One' }]
    })
    expect(dropped).toEqual([{ part: 'fields', item: 'BROKEN', reason: expect.stringContaining('type') }])
  })

  it('userfields: IDs as text, Y/N flags defaulted, SETTINGS [] as {}, a field without a UF_ name dropped', () => {
    const { value, dropped } = checkMetadataPart('userFields', [
      { ID: 12, FIELD_NAME: 'UF_CRM_REGION', USER_TYPE_ID: 'string', SETTINGS: [], EDIT_FORM_LABEL: 'Region' },
      { ID: '13', FIELD_NAME: 'REGION', USER_TYPE_ID: 'string' }
    ])
    expect(value).toEqual([
      {
        ID: '12',
        FIELD_NAME: 'UF_CRM_REGION',
        USER_TYPE_ID: 'string',
        MULTIPLE: 'N',
        MANDATORY: 'N',
        SETTINGS: {},
        EDIT_FORM_LABEL: 'Region'
      }
    ])
    expect(dropped).toEqual([{ part: 'userFields', item: 'REGION', reason: expect.stringContaining('FIELD_NAME') }])
  })

  it('statuses: a list PHP printed as an object is read as a list', () => {
    const { value } = checkMetadataPart('statuses', {
      0: { ENTITY_ID: 'STATUS', STATUS_ID: 'NEW', NAME: 'New', SORT: 10 },
      1: { ENTITY_ID: 'STATUS', STATUS_ID: 'JUNK', NAME: 'Junk', SORT: '20' }
    })
    expect(value!.map((status) => [status.STATUS_ID, status.SORT])).toEqual([
      ['NEW', '10'],
      ['JUNK', '20']
    ])
  })

  it('statuses: an item without a name is shown by its code; one without a code is dropped', () => {
    const { value, dropped } = checkMetadataPart('statuses', [
      { ENTITY_ID: 'SOURCE', STATUS_ID: 'WEB', SORT: '1' },
      { ENTITY_ID: 'SOURCE', NAME: 'No code', SORT: '2' }
    ])
    expect(value).toEqual([
      {
        ENTITY_ID: 'SOURCE',
        STATUS_ID: 'WEB',
        NAME: 'WEB',
        SORT: '1',
        // What the model promises, filled where the portal printed nothing.
        ID: '',
        NAME_INIT: '',
        SYSTEM: 'N',
        CATEGORY_ID: null,
        COLOR: null,
        SEMANTICS: null
      }
    ])
    expect(dropped).toEqual([{ part: 'statuses', item: '#1', reason: expect.stringContaining('STATUS_ID') }])
  })

  it('layouts: a broken layout is read as none stored, and said so', () => {
    const good = {
      common: [{ name: 'main', title: 'Main', type: 'section', elements: [{ name: 'TITLE' }] }],
      personal: null
    }
    expect(checkMetadataPart('layouts', good)).toEqual({ value: good, dropped: [] })
    const broken = checkMetadataPart('layouts', { common: [{ title: 'No name' }], personal: null })
    expect(broken.value).toEqual({ common: null, personal: null })
    expect(broken.dropped).toHaveLength(1)
  })
})
