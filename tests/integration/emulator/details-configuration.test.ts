import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { call, result, startTestEmulator } from '../../support/emulator'

/**
 * crm.lead.details.configuration.* over real HTTP (docs/bitrix24-protocol.md §8.11). User 1 is the admin
 * (may edit others' and common layouts), users 2 and 3 have no settings rights.
 */

let emulator: Emulator

beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.portal.layouts.clear()
})

const METHOD = 'crm.lead.details.configuration'
const SECTION = {
  name: 'main',
  title: 'About the lead',
  type: 'section',
  elements: [{ name: 'TITLE', optionFlags: '1' }]
}
const STORED = [
  { name: 'main', title: 'About the lead', type: 'section', elements: [{ name: 'TITLE', optionFlags: '1' }] }
]

const get = (params: Record<string, unknown> = {}, userId = 1) => result(emulator, `${METHOD}.get`, params, { userId })
const set = (params: Record<string, unknown>, userId = 1) =>
  result<boolean>(emulator, `${METHOD}.set`, { data: [SECTION], ...params }, { userId })
const reset = (params: Record<string, unknown> = {}, userId = 1) =>
  result<boolean>(emulator, `${METHOD}.reset`, params, { userId })
const storedKeys = () => [...emulator.portal.layouts.keys()].sort()

async function expectCrmError(operation: string, params: Record<string, unknown>, description: string, userId = 1) {
  const reply = await call(emulator, `${METHOD}.${operation}`, params, { userId })
  expect(reply).toEqual({ status: 400, body: { error: '', error_description: description } })
}
const expectSetError = (data: unknown, description: string) => expectCrmError('set', { data }, description)

describe('crm.lead.details.configuration.get', () => {
  it('answers null when no layout is stored, personal or common', async () => {
    expect(await get()).toBeNull()
    expect(await get({ scope: 'C' })).toBeNull()
    const reply = await call(emulator, `${METHOD}.get`, {})
    expect(reply.body).toHaveProperty('result', null)
  })

  it('returns the stored sections, without the column wrapper', async () => {
    await set({ scope: 'C' })
    expect(await get({ scope: 'C' })).toEqual(STORED)
  })
})

describe('crm.lead.details.configuration.set', () => {
  it('stores a personal layout for the caller by default and answers true', async () => {
    expect(await set({}, 2)).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:P:2'])
    expect(await get({}, 2)).toEqual(STORED)
    expect(await get({ scope: 'C' }, 2)).toBeNull()
  })

  it('keeps only type, name, title and the elements’ name, numeric optionFlags and array options', async () => {
    await set({
      data: [
        {
          name: 'main',
          title: 'Main',
          type: 'section',
          extra: 'dropped',
          elements: [
            { name: 'TITLE', optionFlags: '1', options: { defaultAddressType: 1 }, junk: true },
            { name: 'NAME', optionFlags: 0 },
            { name: 'PHONE', optionFlags: 'always', options: 'not an array' },
            { name: 'UF_CRM_1', options: [] }
          ]
        },
        { name: 'additional', title: 'More' }
      ]
    })
    expect(await get()).toEqual([
      {
        name: 'main',
        title: 'Main',
        type: 'section',
        elements: [
          { name: 'TITLE', optionFlags: '1', options: { defaultAddressType: 1 } },
          // optionFlags is echoed as sent, string or number (UNCONFIRMED whether the portal casts it).
          { name: 'NAME', optionFlags: 0 },
          { name: 'PHONE' },
          { name: 'UF_CRM_1', options: [] }
        ]
      },
      // Missing type defaults to "section", missing elements to [].
      { name: 'additional', title: 'More', type: 'section', elements: [] }
    ])
  })

  it('does not check element names against the lead fields', async () => {
    await set({ data: [{ name: 's', title: 'S', elements: [{ name: 'NO_SUCH_FIELD' }] }] })
    expect(await get()).toEqual([{ name: 's', title: 'S', type: 'section', elements: [{ name: 'NO_SUCH_FIELD' }] }])
  })

  it('replaces the whole stored layout', async () => {
    await set({})
    await set({ data: [{ name: 'other', title: 'Other' }] })
    expect(await get()).toEqual([{ name: 'other', title: 'Other', type: 'section', elements: [] }])
  })

  it.each<[string, Record<string, unknown>]>([
    ['missing', {}],
    ['a string', { data: 'main' }],
    ['a number', { data: 5 }]
  ])("answers `Parameter 'data' must be array.` when data is %s", (_, params) =>
    expectCrmError('set', params, "Parameter 'data' must be array.")
  )

  it.each<[string, unknown]>([
    ['an empty list', []],
    ['an empty map (emulator: empty before the list check)', {}]
  ])('answers `There are no data to write.` for %s', (_, data) => expectSetError(data, 'There are no data to write.'))

  it('answers `The data must be indexed array.` for a map of sections', () =>
    expectSetError({ main: SECTION }, 'The data must be indexed array.'))

  it('reads the data parameter under the array-parameter spellings (DATA)', async () => {
    expect(await result(emulator, `${METHOD}.set`, { DATA: [SECTION] })).toBe(true)
    expect(await get()).toEqual(STORED)
  })

  it("rejects a section of another type, in the source's wording (`have type`)", () =>
    expectSetError(
      [SECTION, { ...SECTION, type: 'column' }],
      "Section at index 1 have type 'column'. The expected type is 'section'."
    ))

  it('compares the section type exactly (Section is not section)', () =>
    expectSetError(
      [{ ...SECTION, type: 'Section' }],
      "Section at index 0 have type 'Section'. The expected type is 'section'."
    ))

  it.each<[string, Record<string, unknown>]>([
    ['missing', { title: 'T' }],
    ['blank', { name: '  ', title: 'T' }]
  ])('rejects a section whose name is %s', (_, section) =>
    expectSetError([SECTION, section], 'Section at index 1 does not have name.')
  )

  it.each<[string, Record<string, unknown>]>([
    ['missing', { name: 'n' }],
    ['blank', { name: 'n', title: '' }]
  ])('rejects a section whose title is %s', (_, section) =>
    expectSetError([section], 'Section at index 0 does not have title.')
  )

  it('rejects an element without a name, naming both indexes', () =>
    expectSetError(
      [SECTION, { name: 'b', title: 'B', elements: [{ name: 'TITLE' }, { name: 'NAME' }, { optionFlags: 1 }] }],
      'Element at index 2 in section at index 1 does not have name.'
    ))

  it('reports only the first failing rule: sections in order, and type before name before title', async () => {
    await expectSetError(
      [{ name: 'a' }, { name: 'b', title: 'B', type: 'column' }],
      'Section at index 0 does not have title.'
    )
    await expectSetError([{ type: 'column' }], "Section at index 0 have type 'column'. The expected type is 'section'.")
    await expectSetError([{ title: 'T', elements: [{}] }], 'Section at index 0 does not have name.')
    expect(storedKeys()).toEqual([])
  })
})

describe('scope, userId and extras', () => {
  it('treats only "C" as the common scope: anything else, even "c", is personal (spec: anything but "C")', async () => {
    await set({ scope: 'C' })
    await set({ scope: 'c', data: [{ name: 'lower', title: 'Lower' }] })
    await set({ scope: 'X', data: [{ name: 'other', title: 'Other' }] })
    expect(storedKeys()).toEqual(['lead_details:C', 'lead_details:P:1'])
    expect(await get({ scope: 'P' })).toEqual([{ name: 'other', title: 'Other', type: 'section', elements: [] }])
  })

  it('reads scope under its scalar spellings (SCOPE, Scope)', async () => {
    await set({ SCOPE: 'C' })
    expect(await get({ Scope: 'C' })).toEqual(STORED)
  })

  it.each(['userId', 'userid', 'USERID', 'UserId'])('addresses another user’s personal layout with %s', async (key) => {
    await set({ [key]: 3 })
    expect(storedKeys()).toEqual(['lead_details:P:3'])
    expect(await get({ [key]: '3' })).toEqual(STORED)
    expect(await get({}, 3)).toEqual(STORED)
  })

  it('ignores USER_ID and a non-positive userId: the caller’s own layout is used', async () => {
    await set({ USER_ID: 3 })
    await set({ userId: 0, data: [{ name: 'zero', title: 'Zero' }] })
    expect(storedKeys()).toEqual(['lead_details:P:1'])
  })

  it('ignores userId for the common scope', async () => {
    await set({ scope: 'C', userId: 3 })
    expect(storedKeys()).toEqual(['lead_details:C'])
  })

  it.each(['leadCustomerType', 'leadcustomertype', 'LEADCUSTOMERTYPE', 'LeadCustomerType', 'LEAD_CUSTOMER_TYPE'])(
    'keeps repeat-lead layouts apart with extras.%s = 2',
    async (key) => {
      await set({ extras: { [key]: 2 } })
      await set({ extras: { [key]: '1' }, data: [{ name: 'normal', title: 'Normal' }] })
      expect(storedKeys()).toEqual(['lead_details:P:1', 'returning_lead_details:P:1'])
      expect(await get({ extras: { [key]: '2' } })).toEqual(STORED)
    }
  )

  it('reads extras under the array-parameter spellings (EXTRAS)', async () => {
    await set({ EXTRAS: { leadCustomerType: 2 }, scope: 'C' })
    expect(storedKeys()).toEqual(['returning_lead_details:C'])
  })

  it('does not recognise the docs’ dotted extras key lead.customer.type: falls back to the normal-lead layout', async () => {
    await set({ extras: { 'lead.customer.type': 2 } })
    expect(storedKeys()).toEqual(['lead_details:P:1'])
  })

  it('uses the normal-lead layout for any other customer type value', async () => {
    await set({ extras: { leadCustomerType: 3 } })
    await set({ extras: { leadCustomerType: 'returning' }, scope: 'C' })
    expect(storedKeys()).toEqual(['lead_details:C', 'lead_details:P:1'])
  })
})

describe('crm.lead.details.configuration.reset', () => {
  it('deletes the personal layout of the caller or of userId, and answers true', async () => {
    await set({})
    await set({ userId: 3 })
    await set({ scope: 'C' })
    expect(await reset()).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C', 'lead_details:P:3'])
    expect(await reset({ userId: 3 })).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C'])
  })

  it('deletes the common layout of one lead type only', async () => {
    await set({ scope: 'C' })
    await set({ scope: 'C', extras: { leadCustomerType: 2 } })
    expect(await reset({ scope: 'C', extras: { leadCustomerType: 2 } })).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C'])
    expect(await get({ scope: 'C', extras: { leadCustomerType: 2 } })).toBeNull()
  })

  it('answers true when nothing was stored', async () => {
    expect(await reset()).toBe(true)
    expect(await reset({ scope: 'C' })).toBe(true)
  })
})

describe('crm.lead.details.configuration.forceCommonScopeForAll', () => {
  it('deletes every personal layout of that lead type and keeps the common ones and the other type', async () => {
    await set({})
    await set({ userId: 2 })
    await set({ userId: 3 })
    await set({ scope: 'C' })
    await set({ userId: 2, extras: { leadCustomerType: 2 } })
    expect(await result(emulator, `${METHOD}.forceCommonScopeForAll`, {})).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C', 'returning_lead_details:P:2'])
    expect(await result(emulator, `${METHOD}.forceCommonScopeForAll`, { extras: { leadCustomerType: 2 } })).toBe(true)
    expect(storedKeys()).toEqual(['lead_details:C'])
  })

  it('is reachable under its camel-case name and in lower case', async () => {
    expect(await result(emulator, `${METHOD}.forcecommonscopeforall`, {})).toBe(true)
  })
})

describe('permissions', () => {
  it.each([2, 3])('lets user %i read, write and reset their own personal layout', async (userId) => {
    expect(await set({}, userId)).toBe(true)
    expect(await set({ userId }, userId)).toBe(true)
    expect(await get({}, userId)).toEqual(STORED)
    expect(await reset({}, userId)).toBe(true)
    expect(storedKeys()).toEqual([])
  })

  it.each([2, 3])('lets user %i read the common layout but not write or reset it', async (userId) => {
    await set({ scope: 'C' })
    expect(await get({ scope: 'C' }, userId)).toEqual(STORED)
    await expectCrmError('set', { scope: 'C', data: [SECTION] }, 'Access denied.', userId)
    await expectCrmError('reset', { scope: 'C' }, 'Access denied.', userId)
    expect(storedKeys()).toEqual(['lead_details:C'])
  })

  it.each([2, 3])('denies user %i another user’s personal layout', async (userId) => {
    await set({ userId: 1 })
    await expectCrmError('get', { userId: 1 }, 'Access denied.', userId)
    await expectCrmError('set', { userId: 1, data: [SECTION] }, 'Access denied.', userId)
    await expectCrmError('reset', { userId: 1 }, 'Access denied.', userId)
    expect(storedKeys()).toEqual(['lead_details:P:1'])
  })

  it.each([2, 3])('denies user %i forceCommonScopeForAll', async (userId) => {
    await set({ userId })
    await expectCrmError('forceCommonScopeForAll', {}, 'Access denied.', userId)
    expect(storedKeys()).toEqual([`lead_details:P:${userId}`])
  })

  it('lets the admin read and write other users’ personal layouts', async () => {
    await set({}, 2)
    expect(await get({ userId: 2 })).toEqual(STORED)
    expect(await set({ userId: 2, data: [{ name: 'x', title: 'X' }] })).toBe(true)
    expect(await get({}, 2)).toEqual([{ name: 'x', title: 'X', type: 'section', elements: [] }])
  })

  it('checks the rights before the data (emulator choice: canDoOperation runs first)', () =>
    expectCrmError('set', { scope: 'C', data: 'not an array' }, 'Access denied.', 2))
})

it('answers an unknown sub-operation as an unknown method (the portal registers the four methods by name)', async () => {
  const reply = await call(emulator, `${METHOD}.export`, {})
  expect(reply).toEqual({
    status: 404,
    body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' }
  })
})
