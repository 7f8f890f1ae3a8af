import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** An OAuth portal whose sign-in was lost: edits wait, and go out once the user signs in again. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 30, seed: 21, auth: 'oauth', fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h.close())

const HOUR = 3_600_000

describe('signing in again', () => {
  it('sends the edits that waited for it, without a restart', { timeout: 20_000 }, async () => {
    // Another install redeemed the saved refresh token: ours no longer works once the hour is up.
    const app = h.portal.credentials.apps[0]!
    const saved = await h.services.portals.deps.secrets.read(h.portalId)
    const elsewhere = await fetch(
      `${h.portal.url}/oauth/token/?${new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: saved!.refreshToken!
      })}`
    )
    expect(elsewhere.status).toBe(200)
    await admin(h.portal, 'clock', { advanceMs: HOUR })

    await h.leads.edit(h.portalId, 5, { TITLE: 'Waited for the sign-in' })
    expect(await h.syncNow(h.portalId, 'delta')).toMatchObject({
      state: 'error',
      pending: 1,
      lastError: { code: 'SIGN_IN_REQUIRED' }
    })
    await expect.poll(async () => (await h.services.portals.list())[0]!.status).toBe('needs-sign-in')

    const again = await h.services.dispatch('portals.startOAuth', {
      portalAddress: h.portal.url,
      clientId: app.clientId,
      clientSecret: app.clientSecret
    })
    expect(again).toMatchObject({ ok: true, value: { id: h.portalId, status: 'connected' } })
    // The waiting edit goes out on its own.
    await expect
      .poll(async () => (await result<{ TITLE: string }>(h.portal, 'crm.lead.get', { id: 5 })).TITLE, {
        timeout: 10_000
      })
      .toBe('Waited for the sign-in')
    await expect.poll(async () => (await h.syncStatus(h.portalId)).pending).toBe(0)
  })
})
