import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError, ConsoleReply, PortalSummary } from '../../electron/contract'
import type { Emulator } from '../../electron/emulator/emulator'
import { admin, startTestEmulator } from '../support/emulator'
import { clearFaults } from '../support/fault-mix'
import { startSyncHarness, type SyncHarness } from '../support/sync-harness'

/**
 * A portal that redirects the app elsewhere, through the core's dispatch: the webhook code and
 * the access token never reach the other address, the saved address stays until the user
 * confirms the move, and after the confirmation the portal is reached at its new address.
 */

/** The same portal (same seed, same webhook code) at another address: where a moved portal lives. */
let elsewhere: Emulator
beforeAll(async () => {
  elsewhere = await startTestEmulator({ leads: 3, seed: 7 })
})
afterAll(() => elsewhere.close())

const requestsAt = async (emulator: Emulator) => ((await admin(emulator, 'stats')) as { requests: number }).requests

function driver(h: SyncHarness) {
  const call = (channel: string, arg?: unknown) => h.services.dispatch(channel, arg)
  return {
    call,
    async failure(channel: string, arg?: unknown): Promise<ApiError> {
      const envelope = await call(channel, arg)
      if (envelope.ok) throw new Error(`${channel} did not fail`)
      return envelope.error
    },
    async ok<T>(channel: string, arg?: unknown): Promise<T> {
      const envelope = await call(channel, arg)
      if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
      return envelope.value as T
    },
    async summary(): Promise<PortalSummary> {
      return (await this.ok<PortalSummary[]>('portals.list')).find((portal) => portal.id === h.portalId)!
    },
    /** `profile` through the REST console, which shows a failure as the portal's error. */
    profile(): Promise<ConsoleReply> {
      return this.ok<ConsoleReply>('console.call', { portalId: h.portalId, method: 'profile', params: {} })
    }
  }
}

describe('a webhook portal that redirects', () => {
  let h: SyncHarness
  let d: ReturnType<typeof driver>
  beforeAll(async () => {
    h = await startSyncHarness({ leads: 10, seed: 7, fast: true })
    d = driver(h)
  })
  afterAll(() => h?.close())
  afterEach(async () => {
    await clearFaults(h.portal)
    await admin(elsewhere, 'stats/reset', {})
  })

  const code = () => h.portal.credentials.webhooks[0]!.code

  it('to plain http elsewhere: refused, nothing kept, the code never sent', async () => {
    const before = await d.summary()
    await admin(h.portal, 'faults', { kind: 'redirect', method: '*', rate: 1, location: 'http://evil.invalid/' })
    const reply = await d.profile()
    expect(reply).toMatchObject({ status: 302, error: 'PORTAL_MOVED' })
    expect(reply.errorDescription).toContain('http://evil.invalid')
    const status = await h.syncNow(h.portalId)
    expect(status).toMatchObject({
      state: 'error',
      lastError: { code: 'PORTAL_MOVED', details: { to: 'http://evil.invalid', confirmable: false } }
    })
    expect(JSON.stringify([reply, status])).not.toContain(code())
    // The portal's record did not change.
    expect(await d.summary()).toEqual(before)
  })

  it('to another secure address: nothing sent there, the move waits for the user, the old address is kept', async () => {
    const before = await d.summary()
    const announced: PortalSummary[][] = []
    const stop = h.services.events.on('portals.changed', (list) => announced.push(list))
    await admin(h.portal, 'faults', {
      kind: 'redirect',
      method: '*',
      rate: 1,
      location: `${elsewhere.url}/rest/1/${code()}/profile`
    })
    expect((await h.syncNow(h.portalId)).lastError).toMatchObject({
      code: 'PORTAL_MOVED',
      details: { to: elsewhere.url, domain: new URL(elsewhere.url).host, confirmable: true }
    })
    expect(await requestsAt(elsewhere)).toBe(0)
    const waiting = await d.summary()
    expect(waiting).toEqual({
      ...before,
      pendingMove: { origin: elsewhere.url, domain: new URL(elsewhere.url).host, since: expect.any(String) }
    })
    expect(announced.at(-1)?.find((portal) => portal.id === h.portalId)?.pendingMove?.origin).toBe(elsewhere.url)
    stop()

    // Until the user decides, the app goes on at the old address.
    await clearFaults(h.portal)
    expect((await d.profile()).error).toBeUndefined()
    expect((await h.syncNow(h.portalId)).state).toBe('idle')
    expect(await requestsAt(elsewhere)).toBe(0)
  })

  it('a move is confirmed only as it was shown; kept, it is forgotten', async () => {
    const wrong = await d.failure('portals.confirmMove', { id: h.portalId, origin: 'https://other.bitrix24.com' })
    expect(wrong.code).toBe('NOT_FOUND')
    const kept = await d.ok<PortalSummary>('portals.dismissMove', { id: h.portalId })
    expect(kept.pendingMove).toBeUndefined()
    expect((await d.summary()).pendingMove).toBeUndefined()
    expect((await d.failure('portals.confirmMove', { id: h.portalId, origin: elsewhere.url })).code).toBe('NOT_FOUND')
  })

  it('confirmed, the portal is reached at its new address from then on', async () => {
    await admin(h.portal, 'faults', { kind: 'redirect', method: 'profile', count: 1, location: `${elsewhere.url}/` })
    expect((await d.profile()).error).toBe('PORTAL_MOVED')
    const moved = await d.ok<PortalSummary>('portals.confirmMove', { id: h.portalId, origin: elsewhere.url })
    expect(moved).toMatchObject({ domain: new URL(elsewhere.url).host })
    expect(moved.pendingMove).toBeUndefined()
    const requests = await requestsAt(h.portal)
    expect(await d.profile()).toMatchObject({ status: 200, result: { ID: '1' } })
    expect(await requestsAt(elsewhere)).toBe(1)
    expect(await requestsAt(h.portal)).toBe(requests)
  })
})

describe('an OAuth portal that redirects', () => {
  let h: SyncHarness
  let d: ReturnType<typeof driver>
  beforeAll(async () => {
    h = await startSyncHarness({ leads: 10, seed: 8, auth: 'oauth', fast: true })
    d = driver(h)
  })
  afterAll(() => h?.close())

  it('never sends the access token to the new address; the move waits for the user', async () => {
    const before = await d.summary()
    await admin(elsewhere, 'stats/reset', {})
    await admin(h.portal, 'faults', {
      kind: 'redirect',
      method: '*',
      rate: 1,
      location: `${elsewhere.url}/rest/profile`
    })
    const status = await h.syncNow(h.portalId)
    expect(status).toMatchObject({
      state: 'error',
      lastError: { code: 'PORTAL_MOVED', details: { confirmable: true } }
    })
    expect(await requestsAt(elsewhere)).toBe(0)
    expect(await d.summary()).toEqual({ ...before, pendingMove: expect.objectContaining({ origin: elsewhere.url }) })
    await clearFaults(h.portal)
    expect((await d.profile()).error).toBeUndefined()
  })
})
