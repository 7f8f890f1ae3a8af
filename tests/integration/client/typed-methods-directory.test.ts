import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebhookAuth } from '../../../electron/core/auth/webhook-auth'
import { isWebhookInfo, portalApi, type PortalApi } from '../../../electron/core/portal/methods'
import type { Emulator } from '../../../electron/emulator/emulator'
import { ALL_SCOPES } from '../../../electron/emulator/state/credentials'
import { createContactRecord } from '../../../electron/emulator/state/contact-records'
import { createProductRecord } from '../../../electron/emulator/state/product-records'
import { admin, startTestEmulator } from '../../support/emulator'
import { freezeClock, NOW } from '../../support/emulator-crm'
import { appToken, oauthBase, webhookWithScopes } from '../../support/emulator-protocol'
import { clientWith, crmFailure, expectPortalError, typedApiFor } from '../../support/typed-client'

/**
 * crm.status.list, crm.contact.*, crm.product.list, user.*, profile, scope, app.info and
 * crm.settings.mode.get through the typed methods, over real HTTP.
 */

let emulator: Emulator
let api: PortalApi
/** User 2: sees only own CRM records. */
let manager: PortalApi

beforeAll(async () => {
  emulator = await startTestEmulator()
  await freezeClock(emulator)
  api = typedApiFor(emulator)
  manager = typedApiFor(emulator, 2)
})
afterAll(() => emulator.close())

/** The typed methods through a webhook of user 1 limited to these scopes. */
function apiWithScopes(scopes: string[]): PortalApi {
  const url = new URL(webhookWithScopes(emulator, scopes))
  const [, , userId, code] = url.pathname.split('/')
  return portalApi(clientWith(new WebhookAuth(url.origin, Number(userId), code!)))
}

describe('statuses.list', () => {
  it('lists the lead stages in SORT order, with semantics and EXTRA', async () => {
    const stages = await api.statuses.list({ filter: { ENTITY_ID: 'STATUS' } })
    expect(stages[0]).toEqual({
      ID: '1',
      ENTITY_ID: 'STATUS',
      STATUS_ID: 'NEW',
      NAME: 'Unassigned',
      NAME_INIT: 'Unassigned',
      SORT: '10',
      SYSTEM: 'Y',
      CATEGORY_ID: null,
      COLOR: '#39A8EF',
      SEMANTICS: null,
      EXTRA: { SEMANTICS: 'process', COLOR: '#39A8EF' }
    })
    expect(stages.map((stage) => [stage.STATUS_ID, stage.SEMANTICS, stage.EXTRA?.SEMANTICS])).toEqual([
      ['NEW', null, 'process'],
      ['IN_PROCESS', null, 'process'],
      ['PROCESSED', null, 'process'],
      ['CONVERTED', 'S', 'success'],
      ['JUNK', 'F', 'failure']
    ])
  })

  it('lists sources in the given order, without EXTRA, and salutations', async () => {
    const sources = await api.statuses.list({ filter: { ENTITY_ID: 'SOURCE' }, order: { SORT: 'DESC' } })
    expect(sources).toHaveLength(12)
    expect(sources[0]).toEqual({
      ID: '17',
      ENTITY_ID: 'SOURCE',
      STATUS_ID: 'OTHER',
      NAME: 'Other',
      NAME_INIT: 'Other',
      SORT: '120',
      SYSTEM: 'Y',
      CATEGORY_ID: null,
      COLOR: null,
      SEMANTICS: null
    })
    const salutations = await api.statuses.list({ filter: { ENTITY_ID: 'HONORIFIC' } })
    expect(salutations.map((item) => [item.STATUS_ID, item.NAME])).toEqual([
      ['HNR_EN_1', 'Mr.'],
      ['HNR_EN_2', 'Mrs.'],
      ['HNR_EN_3', 'Ms.'],
      ['HNR_EN_4', 'Dr.']
    ])
  })
})

describe('contacts', () => {
  it('add answers the new ID as a number; get prints the contact like a lead', async () => {
    const phoneId = (emulator.portal.sequences.multifield ?? 0) + 1
    const id = await api.contacts.add({
      NAME: 'John',
      LAST_NAME: 'Smith',
      POST: 'Buyer',
      COMPANY_ID: 12,
      BIRTHDATE: '1989-07-14',
      PHONE: [{ VALUE: '+13333333555', VALUE_TYPE: 'WORK' }]
    })
    expect(typeof id).toBe('number')
    expect(await api.contacts.get(id)).toEqual({
      ID: String(id),
      POST: 'Buyer',
      COMMENTS: null,
      HONORIFIC: null,
      NAME: 'John',
      SECOND_NAME: null,
      LAST_NAME: 'Smith',
      TYPE_ID: null,
      SOURCE_ID: null,
      COMPANY_ID: '12',
      BIRTHDATE: '1989-07-14T00:00:00+03:00',
      DATE_CREATE: NOW,
      DATE_MODIFY: NOW,
      ASSIGNED_BY_ID: '1',
      CREATED_BY_ID: '1',
      MODIFY_BY_ID: '1',
      OPENED: 'Y',
      PHONE: [{ ID: String(phoneId), VALUE_TYPE: 'WORK', VALUE: '+13333333555', TYPE_ID: 'PHONE' }]
    })
  })

  it('list reads one page of 50 with total and next', async () => {
    const ids = Array.from(
      { length: 52 },
      (_, index) =>
        createContactRecord(
          emulator.portal,
          { NAME: `Picker ${String(index + 1).padStart(2, '0')}`, LAST_NAME: 'Paged' },
          { userId: 1 }
        ).id
    )
    const first = await api.contacts.list({ filter: { LAST_NAME: 'Paged' }, select: ['NAME'] })
    expect(first.total).toBe(52)
    expect(first.next).toBe(50)
    expect(first.items).toHaveLength(50)
    const last = await api.contacts.list({
      filter: { LAST_NAME: 'Paged' },
      select: ['NAME'],
      order: { NAME: 'ASC' },
      start: 50
    })
    expect(last).toEqual({
      items: [
        { ID: String(ids[50]), NAME: 'Picker 51' },
        { ID: String(ids[51]), NAME: 'Picker 52' }
      ],
      total: 52,
      next: undefined
    })
  })

  it('an unknown contact is "Not found"; a contact of someone else is "Access denied." for user 2', async () => {
    await expectPortalError(api.contacts.get(987654), crmFailure('crm.contact.get', 'Not found'))
    const foreign = await api.contacts.add({ NAME: 'Foreign', ASSIGNED_BY_ID: 1 })
    await expectPortalError(manager.contacts.get(foreign), crmFailure('crm.contact.get', 'Access denied.'))
  })
})

describe('products.list', () => {
  it('lists the catalog with string values', async () => {
    const laptop = createProductRecord(emulator.portal, { name: 'Laptop', price: 1500, description: 'A fast one' })
    const hour = createProductRecord(emulator.portal, { name: 'Support hour', price: 120, type: 7, active: false })
    expect(await api.products.list()).toEqual({
      items: [
        {
          ID: String(laptop.id),
          NAME: 'Laptop',
          PRICE: '1500.00',
          CURRENCY_ID: 'USD',
          MEASURE: '5',
          ACTIVE: 'Y',
          SECTION_ID: null,
          DESCRIPTION: 'A fast one'
        },
        {
          ID: String(hour.id),
          NAME: 'Support hour',
          PRICE: '120.00',
          CURRENCY_ID: 'USD',
          MEASURE: '5',
          ACTIVE: 'N',
          SECTION_ID: null,
          DESCRIPTION: null
        }
      ],
      total: 2,
      next: undefined
    })
    const active = await api.products.list({ filter: { ACTIVE: 'Y', '>PRICE': 100 }, select: ['NAME'] })
    expect(active).toEqual({ items: [{ ID: String(laptop.id), NAME: 'Laptop' }], total: 1, next: undefined })
  })
})

describe('users', () => {
  const ANNA = {
    ID: '1',
    ACTIVE: true,
    NAME: 'Anna',
    LAST_NAME: 'Smith',
    SECOND_NAME: '',
    EMAIL: 'admin@example.com',
    LAST_LOGIN: '',
    DATE_REGISTER: '2024-01-15T00:00:00+03:00',
    TIME_ZONE: '',
    IS_ONLINE: 'N',
    PERSONAL_GENDER: '',
    PERSONAL_BIRTHDAY: '',
    WORK_POSITION: '',
    UF_EMPLOYMENT_DATE: '',
    UF_DEPARTMENT: [1],
    USER_TYPE: 'employee'
  }

  it('current is the webhook’s user', async () => {
    expect(await api.users.current()).toEqual(ANNA)
    expect(await manager.users.current()).toMatchObject({ ID: '2', NAME: 'John', EMAIL: 'manager@example.com' })
  })

  it('list reads a page of users with filter, sort and start', async () => {
    expect(await api.users.list()).toMatchObject({ total: 3, next: undefined })
    expect((await api.users.list()).items[0]).toEqual(ANNA)
    await admin(emulator, 'users', { id: 3, active: false })
    try {
      const active = await api.users.list({ filter: { ACTIVE: true }, sort: 'NAME', order: 'DESC' })
      expect(active.items.map((user) => user.ID)).toEqual(['2', '1'])
      expect(active.total).toBe(2)
    } finally {
      await admin(emulator, 'users', { id: 3, active: true })
    }
    const filtered = await api.users.list({ filter: { '>ID': 1 }, start: 1 })
    expect(filtered.items.map((user) => [user.ID, user.NAME])).toEqual([['3', 'Olivia']])
    expect(filtered.total).toBe(2)
  })

  it('a call needing a scope the credentials lack is insufficient_scope (403, permanent)', async () => {
    await expectPortalError(apiWithScopes(['crm']).users.current(), {
      method: 'user.current',
      code: 'insufficient_scope',
      description: 'The request requires higher privileges than provided by the webhook token',
      status: 403,
      kind: 'permanent'
    })
  })
})

describe('portal information', () => {
  it('profile describes the caller', async () => {
    expect(await api.portal.profile()).toEqual({
      ID: '1',
      ADMIN: true,
      NAME: 'Anna',
      LAST_NAME: 'Smith',
      PERSONAL_GENDER: '',
      TIME_ZONE: '',
      TIME_ZONE_OFFSET: 10800
    })
    expect(await manager.portal.profile()).toMatchObject({ ID: '2', ADMIN: false })
  })

  it('scope lists the credentials’ scopes, or every scope with full', async () => {
    const limited = apiWithScopes(['crm', 'user'])
    expect(await limited.portal.scope()).toEqual(['crm', 'user'])
    expect(await limited.portal.scope(true)).toEqual(ALL_SCOPES)
  })

  it('appInfo answers a webhook with its scopes and the license, an application with its card', async () => {
    const webhookInfo = await apiWithScopes(['crm', 'user']).portal.appInfo()
    expect(webhookInfo).toEqual({ SCOPE: ['crm', 'user'], LICENSE: 'en_pro100' })
    expect(isWebhookInfo(webhookInfo)).toBe(true)

    const app = portalApi(
      clientWith({
        credentials: async () => ({ baseUrl: oauthBase(emulator), accessToken: appToken(emulator) })
      })
    )
    const appInfo = await app.portal.appInfo()
    expect(appInfo).toEqual({
      ID: 1,
      CODE: emulator.credentials.apps[0]!.clientId,
      VERSION: 1,
      STATUS: 'L',
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'en',
      LICENSE: 'en_pro100',
      LICENSE_TYPE: 'pro100',
      LICENSE_FAMILY: 'pro'
    })
    expect(isWebhookInfo(appInfo)).toBe(false)
  })

  it('crmMode is 1 for classic CRM and 2 for simple CRM', async () => {
    expect(await api.portal.crmMode()).toBe(1)
    await admin(emulator, 'settings', { crmMode: 2 })
    try {
      expect(await api.portal.crmMode()).toBe(2)
    } finally {
      await admin(emulator, 'settings', { crmMode: 1 })
    }
  })
})
