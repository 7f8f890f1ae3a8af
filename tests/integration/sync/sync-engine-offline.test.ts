import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** The portal cannot be reached: the sync says so, the user's work goes on, and it all goes out later. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 50, seed: 14, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h.close())

const local = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]

describe('offline', () => {
  it('an unreachable portal makes the state "offline"; edits go on locally and are sent once it is back', async () => {
    h.portal.rest.faults.add({ kind: 'drop', method: '*', count: 1_000_000 })
    expect(await h.syncNow(h.portalId, 'delta')).toMatchObject({ state: 'offline', phase: undefined })

    await h.leads.edit(h.portalId, 10, { TITLE: 'Edited offline' })
    expect(await local(10)).toMatchObject({ syncState: 'pending', values: { TITLE: 'Edited offline' } })
    expect((await h.leads.query(h.portalId, { offset: 0, limit: 1 })).total).toBe(50)
    expect(await h.syncNow(h.portalId, 'delta')).toMatchObject({ state: 'offline', pending: 1 })

    h.portal.rest.faults.clear()
    expect(await h.syncNow(h.portalId, 'delta')).toMatchObject({ state: 'idle', pending: 0 })
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 10 })).TITLE).toBe('Edited offline')
    expect(await local(10)).toMatchObject({ syncState: 'synced' })
  })
})

describe('a sync the portal refuses', () => {
  it('ends in the "error" state with a coded reason the window can word in its language', async () => {
    const webhook = h.portal.credentials.webhooks.find((hook) => h.portal.webhookUrl.includes(hook.code))!
    const scopes = webhook.scopes
    webhook.scopes = scopes.filter((scope) => scope !== 'crm')
    try {
      const status = await h.syncNow(h.portalId, 'delta')
      expect(status).toMatchObject({
        state: 'error',
        lastError: { code: 'MISSING_SCOPE', details: { portalCode: 'insufficient_scope' } }
      })
    } finally {
      webhook.scopes = scopes
    }
    expect(await h.syncNow(h.portalId, 'delta')).toMatchObject({ state: 'idle', lastError: undefined })
  })
})
