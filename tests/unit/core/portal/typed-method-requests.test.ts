import { describe, expect, it } from 'vitest'
import { portalApi, type PortalApi } from '../../../../electron/core/portal/methods'
import type { CallOptions, PortalClient } from '../../../../electron/core/portal/portal-client'

/**
 * What each typed method asks the client for: the method name, the exact parameters, whether it
 * is a write (never resent blindly), and the caller's abort signal. The answers are checked by
 * the integration tests in tests/integration/client/typed-methods-*.test.ts.
 */

interface Recorded {
  method: string
  params: Record<string, unknown>
  options: CallOptions
}

/** Answers of the methods whose results are normalised (anything else gets null). */
const ANSWERS: Record<string, unknown> = { 'crm.lead.userfield.get': { SETTINGS: [] }, 'crm.lead.list': [] }

function recordingApi(): { api: PortalApi; calls: Recorded[] } {
  const calls: Recorded[] = []
  const client = {
    call: async (method: string, params: Record<string, unknown>, options: CallOptions) => {
      // As sent: JSON drops the parameters left undefined.
      calls.push({ method, params: JSON.parse(JSON.stringify(params)), options })
      return { result: ANSWERS[method] ?? null }
    }
  }
  return { api: portalApi(client as unknown as PortalClient), calls }
}

type Invoke = (api: PortalApi, signal: AbortSignal) => Promise<unknown>
const SECTIONS = [{ name: 'main', title: 'Main' }]

const requests: Array<[string, string, Record<string, unknown>, boolean, Invoke]> = [
  [
    'leads.add',
    'crm.lead.add',
    { fields: { TITLE: 'x', OPPORTUNITY: 5 }, params: { REGISTER_SONET_EVENT: 'Y' } },
    true,
    (api, signal) => api.leads.add({ TITLE: 'x', OPPORTUNITY: 5 }, { signal, params: { REGISTER_SONET_EVENT: 'Y' } })
  ],
  [
    'leads.update',
    'crm.lead.update',
    { id: '7', fields: { TITLE: 'y' } },
    true,
    (api, signal) => api.leads.update('7', { TITLE: 'y' }, { signal })
  ],
  ['leads.get', 'crm.lead.get', { id: 7 }, false, (api, signal) => api.leads.get(7, { signal })],
  [
    'leads.list',
    'crm.lead.list',
    { select: ['ID'], filter: { '>ID': 5 }, order: { ID: 'ASC' }, start: -1 },
    false,
    (api, signal) =>
      api.leads.list({ select: ['ID'], filter: { '>ID': 5 }, order: { ID: 'ASC' }, start: -1 }, { signal })
  ],
  ['leads.delete', 'crm.lead.delete', { id: 7 }, true, (api, signal) => api.leads.delete(7, { signal })],
  ['leads.fields', 'crm.lead.fields', {}, false, (api, signal) => api.leads.fields({ signal })],
  [
    'productRows.set',
    'crm.lead.productrows.set',
    { id: 7, rows: [{ PRICE: 1 }] },
    true,
    (api, signal) => api.productRows.set(7, [{ PRICE: 1 }], { signal })
  ],
  [
    'productRows.get',
    'crm.lead.productrows.get',
    { id: 7 },
    false,
    (api, signal) => api.productRows.get(7, { signal })
  ],
  ['leadContacts.fields', 'crm.lead.contact.fields', {}, false, (api, signal) => api.leadContacts.fields({ signal })],
  [
    'leadContacts.add',
    'crm.lead.contact.add',
    { id: 7, fields: { CONTACT_ID: 3, IS_PRIMARY: 'Y' } },
    true,
    (api, signal) => api.leadContacts.add(7, { CONTACT_ID: 3, IS_PRIMARY: 'Y' }, { signal })
  ],
  [
    'leadContacts.delete',
    'crm.lead.contact.delete',
    { id: 7, fields: { CONTACT_ID: 3 } },
    true,
    (api, signal) => api.leadContacts.delete(7, 3, { signal })
  ],
  [
    'leadContacts.items.get',
    'crm.lead.contact.items.get',
    { id: 7 },
    false,
    (api, signal) => api.leadContacts.items.get(7, { signal })
  ],
  [
    'leadContacts.items.set',
    'crm.lead.contact.items.set',
    { id: 7, items: [{ CONTACT_ID: 3 }] },
    true,
    (api, signal) => api.leadContacts.items.set(7, [{ CONTACT_ID: 3 }], { signal })
  ],
  [
    'leadContacts.items.delete',
    'crm.lead.contact.items.delete',
    { id: 7 },
    true,
    (api, signal) => api.leadContacts.items.delete(7, { signal })
  ],
  [
    'userFields.add',
    'crm.lead.userfield.add',
    { fields: { FIELD_NAME: 'X', USER_TYPE_ID: 'string' } },
    true,
    (api, signal) => api.userFields.add({ FIELD_NAME: 'X', USER_TYPE_ID: 'string' }, { signal })
  ],
  ['userFields.get', 'crm.lead.userfield.get', { id: 9 }, false, (api, signal) => api.userFields.get(9, { signal })],
  [
    'userFields.list (LANG goes into the filter)',
    'crm.lead.userfield.list',
    { filter: { USER_TYPE_ID: 'string', LANG: 'de' }, order: { SORT: 'ASC' } },
    false,
    (api, signal) =>
      api.userFields.list({ lang: 'de', filter: { USER_TYPE_ID: 'string' }, order: { SORT: 'ASC' } }, { signal })
  ],
  [
    'userFields.update',
    'crm.lead.userfield.update',
    { id: 9, fields: { SORT: 10 } },
    true,
    (api, signal) => api.userFields.update(9, { SORT: 10 }, { signal })
  ],
  [
    'userFields.delete',
    'crm.lead.userfield.delete',
    { id: 9 },
    true,
    (api, signal) => api.userFields.delete(9, { signal })
  ],
  [
    'cardLayouts.get (userId and extras.leadCustomerType, never the dotted key)',
    'crm.lead.details.configuration.get',
    { scope: 'P', userId: 3, extras: { leadCustomerType: 2 } },
    false,
    (api, signal) => api.cardLayouts.get({ scope: 'P', userId: 3, leadCustomerType: 2 }, { signal })
  ],
  [
    'cardLayouts.set',
    'crm.lead.details.configuration.set',
    { scope: 'C', extras: { leadCustomerType: 1 }, data: SECTIONS },
    true,
    (api, signal) => api.cardLayouts.set({ scope: 'C', leadCustomerType: 1 }, SECTIONS, { signal })
  ],
  [
    'cardLayouts.reset',
    'crm.lead.details.configuration.reset',
    { scope: 'P' },
    true,
    (api, signal) => api.cardLayouts.reset({ scope: 'P' }, { signal })
  ],
  [
    'cardLayouts.forceCommonScopeForAll',
    'crm.lead.details.configuration.forceCommonScopeForAll',
    { extras: { leadCustomerType: 2 } },
    true,
    (api, signal) => api.cardLayouts.forceCommonScopeForAll(2, { signal })
  ],
  [
    'statuses.list',
    'crm.status.list',
    { filter: { ENTITY_ID: 'SOURCE' }, order: { SORT: 'DESC' } },
    false,
    (api, signal) => api.statuses.list({ filter: { ENTITY_ID: 'SOURCE' }, order: { SORT: 'DESC' } }, { signal })
  ],
  [
    'contacts.list',
    'crm.contact.list',
    { select: ['NAME', 'PHONE'], start: 50 },
    false,
    (api, signal) => api.contacts.list({ select: ['NAME', 'PHONE'], start: 50 }, { signal })
  ],
  ['contacts.get', 'crm.contact.get', { id: 4 }, false, (api, signal) => api.contacts.get(4, { signal })],
  [
    'contacts.add',
    'crm.contact.add',
    { fields: { NAME: 'A' } },
    true,
    (api, signal) => api.contacts.add({ NAME: 'A' }, { signal })
  ],
  [
    'products.list',
    'crm.product.list',
    { filter: { ACTIVE: 'Y' } },
    false,
    (api, signal) => api.products.list({ filter: { ACTIVE: 'Y' } }, { signal })
  ],
  ['users.current', 'user.current', {}, false, (api, signal) => api.users.current({ signal })],
  [
    'users.list (user.get spells FILTER, SORT, ORDER)',
    'user.get',
    { FILTER: { ACTIVE: true }, SORT: 'NAME', ORDER: 'DESC', start: 50 },
    false,
    (api, signal) => api.users.list({ filter: { ACTIVE: true }, sort: 'NAME', order: 'DESC', start: 50 }, { signal })
  ],
  ['portal.profile', 'profile', {}, false, (api, signal) => api.portal.profile({ signal })],
  ['portal.scope', 'scope', {}, false, (api, signal) => api.portal.scope(false, { signal })],
  ['portal.scope full', 'scope', { full: true }, false, (api, signal) => api.portal.scope(true, { signal })],
  ['portal.appInfo', 'app.info', {}, false, (api, signal) => api.portal.appInfo({ signal })],
  ['portal.crmMode', 'crm.settings.mode.get', {}, false, (api, signal) => api.portal.crmMode({ signal })]
]

describe('the request of every typed method', () => {
  it.each(requests)('%s → %s', async (_label, method, params, write, invoke) => {
    const { api, calls } = recordingApi()
    const signal = new AbortController().signal
    await invoke(api, signal)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.method).toBe(method)
    expect(calls[0]!.params).toEqual(params)
    expect(calls[0]!.options).toEqual({ signal, write })
    expect(calls[0]!.options.signal).toBe(signal)
  })

  it('covers every function of the API', () => {
    const { api } = recordingApi()
    const names = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, member]) =>
        typeof member === 'function' ? [`${prefix}${key}`] : names(member as object, `${prefix}${key}.`)
      )
    const covered = new Set(requests.map(([label]) => label.split(' ')[0]))
    expect(names(api).filter((name) => !covered.has(name))).toEqual([])
  })
})
