import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CardSectionInput, PortalApi } from '../../../electron/core/portal/methods'
import type { Emulator } from '../../../electron/emulator/emulator'
import { PORTAL_LANGUAGES } from '../../../electron/emulator/state/userfield-types'
import { result, startTestEmulator } from '../../support/emulator'
import { crmFailure, expectPortalError, typedApiFor } from '../../support/typed-client'

/** crm.lead.userfield.* and crm.lead.details.configuration.* through the typed methods, over real HTTP. */

let emulator: Emulator
let api: PortalApi
/** User 2: no right to change CRM settings. */
let manager: PortalApi

beforeAll(async () => {
  emulator = await startTestEmulator()
  api = typedApiFor(emulator)
  manager = typedApiFor(emulator, 2)
})
afterAll(() => emulator.close())

describe('userFields', () => {
  beforeEach(() => {
    emulator.portal.userFields = []
  })

  /** The same text in every portal language. */
  const everywhere = (text: string) => Object.fromEntries(PORTAL_LANGUAGES.map((lang) => [lang, text]))
  const columns = (id: number, fieldName: string, userTypeId: string) => ({
    ID: String(id),
    ENTITY_ID: 'CRM_LEAD',
    FIELD_NAME: fieldName,
    USER_TYPE_ID: userTypeId,
    XML_ID: null,
    SORT: '100',
    MULTIPLE: 'N',
    MANDATORY: 'N',
    SHOW_FILTER: 'N',
    SHOW_IN_LIST: 'Y',
    EDIT_IN_LIST: 'Y',
    IS_SEARCHABLE: 'N'
  })

  it('add answers the new ID as a number; get prints scalars as strings and labels as maps', async () => {
    const id = await api.userFields.add({
      FIELD_NAME: 'contract_no',
      USER_TYPE_ID: 'string',
      LABEL: 'Contract',
      EDIT_FORM_LABEL: { en: 'Contract number', de: 'Vertragsnummer' },
      SETTINGS: { ROWS: 3 }
    })
    expect(typeof id).toBe('number')
    expect(await api.userFields.get(id)).toEqual({
      ...columns(id, 'UF_CRM_CONTRACT_NO', 'string'),
      SETTINGS: { DEFAULT_VALUE: '', ROWS: 3 },
      EDIT_FORM_LABEL: { ...everywhere('Contract'), en: 'Contract number', de: 'Vertragsnummer' },
      LIST_COLUMN_LABEL: everywhere('Contract'),
      LIST_FILTER_LABEL: everywhere('Contract'),
      ERROR_MESSAGE: everywhere('Contract'),
      HELP_MESSAGE: everywhere('Contract')
    })
  })

  it('get of a type without settings reads SETTINGS as {} (the portal prints [])', async () => {
    const id = await api.userFields.add({ FIELD_NAME: 'BUDGET', USER_TYPE_ID: 'money' })
    expect((await api.userFields.get(id)).SETTINGS).toEqual({})
  })

  it('list without LANG has no labels; with LANG the labels are text in that language', async () => {
    const stringId = await api.userFields.add({
      FIELD_NAME: 'NOTE',
      USER_TYPE_ID: 'string',
      LABEL: 'Note',
      EDIT_FORM_LABEL: { de: 'Notiz' },
      SORT: 200
    })
    const enumId = await api.userFields.add({
      FIELD_NAME: 'REGION',
      USER_TYPE_ID: 'enumeration',
      LABEL: 'Region',
      LIST: [{ VALUE: 'North', SORT: 10, DEF: 'Y' }]
    })
    const region = await api.userFields.get(enumId)
    const items = region.USER_TYPE_ID === 'enumeration' ? region.LIST : []
    expect(items).toEqual([
      {
        ID: expect.stringMatching(/^\d+$/),
        SORT: '10',
        VALUE: 'North',
        DEF: 'Y',
        XML_ID: expect.stringMatching(/^[0-9a-f]{32}$/)
      }
    ])

    const note = {
      ...columns(stringId, 'UF_CRM_NOTE', 'string'),
      SORT: '200',
      SETTINGS: { DEFAULT_VALUE: '', ROWS: 1 }
    }
    const regionColumns = {
      ...columns(enumId, 'UF_CRM_REGION', 'enumeration'),
      SETTINGS: { DISPLAY: 'LIST', LIST_HEIGHT: 1 },
      LIST: items
    }
    expect(await api.userFields.list()).toEqual([regionColumns, note])

    const german = await api.userFields.list({ lang: 'de', order: { SORT: 'DESC' } })
    const labels = (text: string, formLabel = text) => ({
      EDIT_FORM_LABEL: formLabel,
      LIST_COLUMN_LABEL: text,
      LIST_FILTER_LABEL: text,
      ERROR_MESSAGE: text,
      HELP_MESSAGE: text
    })
    expect(german).toEqual([
      { ...note, ...labels('Note', 'Notiz') },
      { ...regionColumns, ...labels('Region') }
    ])
  })

  it('list filters by column', async () => {
    await api.userFields.add({ FIELD_NAME: 'A', USER_TYPE_ID: 'string' })
    const integerId = await api.userFields.add({ FIELD_NAME: 'B', USER_TYPE_ID: 'integer' })
    const found = await api.userFields.list({ filter: { USER_TYPE_ID: 'integer' } })
    expect(found.map((field) => field.ID)).toEqual([String(integerId)])
  })

  it('update answers true and changes what was sent; delete answers true and the field is gone', async () => {
    const id = await api.userFields.add({
      FIELD_NAME: 'STAGE',
      USER_TYPE_ID: 'enumeration',
      LIST: [{ VALUE: 'Old' }]
    })
    const before = await api.userFields.get(id)
    const [old] = before.USER_TYPE_ID === 'enumeration' ? before.LIST : []
    expect(
      await api.userFields.update(id, {
        SORT: 700,
        MANDATORY: 'Y',
        EDIT_FORM_LABEL: { en: 'Stage' },
        SETTINGS: { DISPLAY: 'UI' },
        LIST: [
          { ID: old!.ID, DEL: 'Y' },
          { VALUE: 'New', XML_ID: 'new' }
        ]
      })
    ).toBe(true)
    const after = await api.userFields.get(id)
    expect(after).toMatchObject({
      SORT: '700',
      MANDATORY: 'Y',
      EDIT_FORM_LABEL: { ...everywhere(''), en: 'Stage' },
      SETTINGS: { DISPLAY: 'UI', LIST_HEIGHT: 1 }
    })
    expect(after.USER_TYPE_ID === 'enumeration' && after.LIST.map((item) => [item.VALUE, item.XML_ID])).toEqual([
      ['New', 'new']
    ])

    expect(await api.userFields.delete(id)).toBe(true)
    await expectPortalError(api.userFields.get(id), {
      method: 'crm.lead.userfield.get',
      code: 'ERROR_NOT_FOUND',
      description: `The entity with ID '${id}' is not found.`,
      status: 400,
      kind: 'permanent'
    })
  })

  it('a bad name is ERROR_CORE; a user without settings rights gets "Access denied."', async () => {
    await expectPortalError(api.userFields.add({ FIELD_NAME: 'my-field', USER_TYPE_ID: 'string' }), {
      method: 'crm.lead.userfield.add',
      code: 'ERROR_CORE',
      description: 'The field name contains invalid symbols. Valid symbols are: A-Z, 0-9 and _.<br>',
      status: 400,
      kind: 'permanent'
    })
    const id = await api.userFields.add({ FIELD_NAME: 'GUARDED', USER_TYPE_ID: 'string' })
    const denied = (method: string) => crmFailure(method, 'Access denied.')
    await expectPortalError(
      manager.userFields.add({ FIELD_NAME: 'X', USER_TYPE_ID: 'string' }),
      denied('crm.lead.userfield.add')
    )
    await expectPortalError(manager.userFields.update(id, { SORT: 1 }), denied('crm.lead.userfield.update'))
    await expectPortalError(manager.userFields.delete(id), denied('crm.lead.userfield.delete'))
    // Reading is allowed to anyone with lead access.
    expect((await manager.userFields.get(id)).FIELD_NAME).toBe('UF_CRM_GUARDED')
  })
})

describe('cardLayouts (crm.lead.details.configuration)', () => {
  beforeEach(() => {
    emulator.portal.layouts.clear()
  })

  const storedKeys = () => [...emulator.portal.layouts.keys()].sort()
  const MAIN: CardSectionInput = {
    name: 'main',
    title: 'About the lead',
    elements: [
      { name: 'TITLE', optionFlags: 1 },
      { name: 'UF_CRM_NOTE', options: { showAlways: 'Y' } }
    ]
  }
  const MAIN_STORED = { ...MAIN, type: 'section' }

  it('get is null without a stored layout; set stores the common one; get reads it back', async () => {
    expect(await api.cardLayouts.get({ scope: 'C' })).toBeNull()
    expect(await api.cardLayouts.set({ scope: 'C' }, [MAIN, { name: 'more', title: 'More' }])).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C'])
    expect(await api.cardLayouts.get({ scope: 'C' })).toEqual([
      MAIN_STORED,
      { name: 'more', title: 'More', type: 'section', elements: [] }
    ])
  })

  it('reads empty element options, which the portal prints as [] (an empty PHP array), as {}', async () => {
    const section = { name: 'main', title: 'Main', elements: [{ name: 'UF_CRM_1', options: {} }] }
    await api.cardLayouts.set({ scope: 'C' }, [section])
    const printed = await result(emulator, 'crm.lead.details.configuration.get', { scope: 'C' })
    expect(printed).toEqual([{ ...section, type: 'section', elements: [{ name: 'UF_CRM_1', options: [] }] }])
    expect(await api.cardLayouts.get({ scope: 'C' })).toEqual([{ ...section, type: 'section' }])
  })

  it('sends userId and extras.leadCustomerType: another user’s personal layout of repeat leads', async () => {
    expect(await api.cardLayouts.set({ scope: 'P', userId: 3, leadCustomerType: 2 }, [MAIN])).toBe(true)
    expect(storedKeys()).toEqual(['returning_lead_details:P:3'])
    expect(await api.cardLayouts.get({ scope: 'P', userId: 3, leadCustomerType: 2 })).toEqual([MAIN_STORED])
    expect(await api.cardLayouts.get({ scope: 'P', userId: 3, leadCustomerType: 1 })).toBeNull()
    expect(await api.cardLayouts.get({ scope: 'P' })).toBeNull()
  })

  it('reset answers true and deletes that layout only', async () => {
    await api.cardLayouts.set({ scope: 'P' }, [MAIN])
    await api.cardLayouts.set({ scope: 'C', leadCustomerType: 2 }, [MAIN])
    expect(await api.cardLayouts.reset({ scope: 'P' })).toBe(true)
    expect(storedKeys()).toEqual(['returning_lead_details:C'])
    expect(await api.cardLayouts.reset({ scope: 'C', leadCustomerType: 2 })).toBe(true)
    expect(storedKeys()).toEqual([])
  })

  it('forceCommonScopeForAll deletes every personal layout of one lead type', async () => {
    await api.cardLayouts.set({ scope: 'P', userId: 2 }, [MAIN])
    await api.cardLayouts.set({ scope: 'P', userId: 3, leadCustomerType: 2 }, [MAIN])
    await api.cardLayouts.set({ scope: 'C' }, [MAIN])
    expect(await api.cardLayouts.forceCommonScopeForAll(2)).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C', 'lead_details:P:2'])
    expect(await api.cardLayouts.forceCommonScopeForAll()).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C'])
  })

  it('a user without settings rights may keep a personal layout but not touch the common one', async () => {
    expect(await manager.cardLayouts.set({ scope: 'P' }, [MAIN])).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:P:2'])
    const denied = (operation: string) => crmFailure(`crm.lead.details.configuration.${operation}`, 'Access denied.')
    await expectPortalError(manager.cardLayouts.set({ scope: 'C' }, [MAIN]), denied('set'))
    await expectPortalError(manager.cardLayouts.reset({ scope: 'C' }), denied('reset'))
    await expectPortalError(manager.cardLayouts.get({ scope: 'P', userId: 1 }), denied('get'))
    await expectPortalError(manager.cardLayouts.forceCommonScopeForAll(), denied('forceCommonScopeForAll'))
  })

  it('an invalid layout is a permanent CRM error and nothing is stored', async () => {
    await expectPortalError(
      api.cardLayouts.set({ scope: 'C' }, [MAIN, { name: 'untitled', title: '' }]),
      crmFailure('crm.lead.details.configuration.set', 'Section at index 1 does not have title.')
    )
    await expectPortalError(
      api.cardLayouts.set({ scope: 'C' }, []),
      crmFailure('crm.lead.details.configuration.set', 'There are no data to write.')
    )
    expect(storedKeys()).toEqual([])
  })
})
