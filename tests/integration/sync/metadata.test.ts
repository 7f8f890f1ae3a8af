import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLeadStore } from '../../../electron/core/store/lead-store'
import { META_KEYS } from '../../../electron/core/store/meta'
import type { StoredLayouts } from '../../../electron/core/sync/metadata'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** Metadata refresh: fields, userfields, stages, card layouts and users, kept in the store. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 20, seed: 5 })
})
afterAll(() => h.close())

function storedMeta<T>(key: string): T | undefined {
  const store = openLeadStore(join(h.dataDir, 'portals', h.portalId, 'leads.db'))
  try {
    return store.getMeta<T>(key)
  } finally {
    store.close()
  }
}

const section = { name: 'main', title: 'About the lead', type: 'section', elements: [{ name: 'TITLE' }] }

describe('metadata refresh', () => {
  it('keeps the card layouts and every user, in the same request as fields and stages', async () => {
    await result(h.portal, 'crm.lead.details.configuration.set', { scope: 'C', data: [section] })
    // 120 users: the first page comes with the fields, the other two pages in one more request.
    for (let id = 4; id <= 120; id++)
      h.portal.portal.users.push({ ...h.portal.portal.users[2]!, id, email: `user${id}@example.com` })
    await h.syncNow(h.portalId)
    expect(storedMeta<StoredLayouts>(META_KEYS.layouts)).toEqual({ common: [section], personal: null })
    const users = storedMeta<Array<{ ID: string }>>(META_KEYS.users)!
    expect(users.map((user) => Number(user.ID))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(storedMeta<unknown[]>(META_KEYS.statuses)!.length).toBeGreaterThan(5)

    await h.resetStats()
    await h.syncNow(h.portalId, 'delta')
    // Metadata (fields, layouts, first users page) + the other users + the delta.
    expect(await h.requests()).toBe(3)
  })

  it('what the portal refuses keeps what was stored before', async () => {
    const before = storedMeta<unknown[]>(META_KEYS.users)
    h.portal.portal.users.splice(3)
    // The webhook loses the `user` scopes: user.get is refused, the rest still comes.
    const webhook = h.portal.credentials.webhooks.find((hook) => h.portal.webhookUrl.includes(hook.code))!
    webhook.scopes = webhook.scopes.filter((scope) => !scope.startsWith('user'))
    await result(h.portal, 'crm.lead.details.configuration.reset', { scope: 'C' })
    const status = await h.syncNow(h.portalId, 'delta')
    expect(status.state).toBe('idle')
    expect(storedMeta<unknown[]>(META_KEYS.users)).toEqual(before)
    expect(storedMeta<StoredLayouts>(META_KEYS.layouts)).toEqual({ common: null, personal: null })
  })
})
