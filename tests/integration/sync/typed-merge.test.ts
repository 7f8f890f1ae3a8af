import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import { syncUntilSettled } from '../../support/sync-settle'

/**
 * The merge before a push compares values by their field's type, read from the portal's
 * userfields: the same number written differently on the two sides is no conflict.
 */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 20, seed: 41, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h?.close())

describe('a userfield set to the same value on the portal and in the app', () => {
  it('is no conflict when the two print the number differently', async () => {
    // The app sends 99.5; the portal prints a double userfield with two decimals ("99.50").
    await h.leads.edit(h.portalId, 5, { UF_CRM_BUDGET: '99.5' })
    await result(h.portal, 'crm.lead.update', { id: 5, fields: { UF_CRM_BUDGET: 99.5 } })
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 5 })).UF_CRM_BUDGET).toBe('99.50')

    const { status } = await syncUntilSettled(h, h.portalId)

    expect(status).toMatchObject({ state: 'idle', conflicts: 0, needsAttention: 0 })
    expect(await h.leads.conflicts(h.portalId)).toEqual([])
  })
})
