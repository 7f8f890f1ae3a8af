import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLeadStore } from '../../../electron/core/store/lead-store'
import type { PortalMetadata } from '../../../electron/core/metadata/portal-metadata'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** Metadata refresh: fields, userfields, stages, card layouts and users, kept in the store. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 20, seed: 5 })
})
afterAll(() => h.close())

/** The metadata as a newly opened store reads it back (checked again on the way in). */
function stored(): PortalMetadata {
  const store = openLeadStore(join(h.dataDir, 'portals', h.portalId, 'leads.db'))
  try {
    return store.metadata()
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
    const metadata = stored()
    expect(metadata.layouts).toEqual({ common: [section], personal: null })
    expect(metadata.users!.map((user) => Number(user.ID))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(metadata.statuses!.length).toBeGreaterThan(5)
    expect(metadata.statuses!.filter((status) => status.ENTITY_ID === 'STATUS').length).toBeGreaterThanOrEqual(5)
    expect(metadata.fields?.TITLE).toMatchObject({ type: 'string', isDynamic: false })
    expect(metadata.userFields!.length).toBeGreaterThan(0)
    for (const field of metadata.userFields!) expect(field.FIELD_NAME).toMatch(/^UF_CRM_/)

    await h.resetStats()
    await h.syncNow(h.portalId, 'delta')
    // Metadata (fields, layouts, first users page) + the other users + the delta.
    expect(await h.requests()).toBe(3)
  })

  it('reads the userfields in English and in Russian, so each UI language shows its labels', async () => {
    await h.syncNow(h.portalId)
    const fields = await h.leads.fields(h.portalId)
    expect(fields.find((field) => field.code === 'UF_CRM_REGION')?.labels).toEqual({ en: 'Region', ru: 'Регион' })
    expect(stored().userFieldsRu!.map((field) => field.FIELD_NAME)).toEqual(
      stored().userFields!.map((field) => field.FIELD_NAME)
    )
  })

  it('what the portal refuses keeps what was stored before', async () => {
    const before = stored().users
    h.portal.portal.users.splice(3)
    // The webhook loses the `user` scopes: user.get is refused, the rest still comes.
    const webhook = h.portal.credentials.webhooks.find((hook) => h.portal.webhookUrl.includes(hook.code))!
    webhook.scopes = webhook.scopes.filter((scope) => !scope.startsWith('user'))
    await result(h.portal, 'crm.lead.details.configuration.reset', { scope: 'C' })
    const status = await h.syncNow(h.portalId, 'delta')
    expect(status.state).toBe('idle')
    expect(stored().users).toEqual(before)
    expect(stored().layouts).toEqual({ common: null, personal: null })
  })
})
