import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../../electron/contract'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import type { FetchLike } from '../../../electron/core/portal/transport'
import type { PortalRecord } from '../../../electron/core/portals/portal-record'
import { makeServices, makeTempDir, webhookRecord } from '../../support/core'

/**
 * A portal that answers 302 to another address, through the core's services with a fake fetch:
 * what the app sends where, and what it keeps of the portal until the user confirms the move.
 */
const CODE = 'webhook-code-123456'
const TOKEN = 'access-token-abcdef'

interface Sent {
  url: string
  body: string
}

/** Answers 302 to `location` while `moving` is true, else a profile; records every request. */
function movingPortal(location: string) {
  const state = { moving: true, sent: [] as Sent[] }
  const fetch: FetchLike = async (url, init) => {
    state.sent.push({ url, body: String(init.body) })
    if (state.moving && new URL(url).origin === 'https://acme.bitrix24.com') {
      return new Response(null, { status: 302, headers: { location } })
    }
    return new Response(JSON.stringify({ result: { ID: '1', NAME: 'Ann' } }), { status: 200 })
  }
  return { state, fetch }
}

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

async function servicesWith(fetch: FetchLike, record: PortalRecord, secrets: Record<string, string>) {
  const services = makeServices(temp.dir, new MemorySecretStore(), { clientOptions: { fetch, maxAttempts: 1 } })
  await services.portals.deps.registry.save(record)
  await services.portals.deps.secrets.write(record.id, secrets)
  return services
}

const stored = async (services: Awaited<ReturnType<typeof servicesWith>>, id: string) =>
  (await services.portals.deps.registry.get(id))!

describe('a webhook portal answering 302 to plain http elsewhere', () => {
  it('sends nothing there, keeps the record as it was, and names only the new origin', async () => {
    const portal = movingPortal(`http://evil.invalid/rest/1/${CODE}/profile`)
    const record = webhookRecord({ id: 'p1' })
    const services = await servicesWith(portal.fetch, record, { webhookCode: CODE })
    const client = await services.portals.client('p1')
    for (let i = 0; i < 3; i++) {
      await expect(client.call('profile')).rejects.toMatchObject({ code: 'PORTAL_MOVED', to: 'http://evil.invalid' })
    }
    expect(portal.state.sent.map((request) => new URL(request.url).host)).toEqual(Array(3).fill('acme.bitrix24.com'))
    expect(await stored(services, 'p1')).toEqual(record)
    await services.dispose()
  })
})

describe('an OAuth portal answering 302 to another https address', () => {
  const oauthRecord = webhookRecord({
    id: 'o1',
    authKind: 'oauth',
    connection: {
      kind: 'oauth',
      origin: 'https://acme.bitrix24.com',
      clientId: 'local.1',
      memberId: 'm1',
      oauthServer: 'https://oauth.bitrix.info'
    }
  })
  const secrets = { accessToken: TOKEN, refreshToken: 'refresh-1', clientSecret: 'secret-1' }

  it('never sends the token there; the move is kept aside until the user confirms it, then used', async () => {
    const portal = movingPortal('https://acme-new.bitrix24.com/rest/profile')
    const services = await servicesWith(portal.fetch, oauthRecord, secrets)
    const changes: PortalSummary[][] = []
    services.events.on('portals.changed', (list) => changes.push(list))

    await expect((await services.portals.client('o1')).call('profile')).rejects.toMatchObject({
      code: 'PORTAL_MOVED',
      to: 'https://acme-new.bitrix24.com',
      secure: true
    })
    const waiting = await stored(services, 'o1')
    expect(waiting).toEqual({
      ...oauthRecord,
      pendingMove: {
        origin: 'https://acme-new.bitrix24.com',
        domain: 'acme-new.bitrix24.com',
        since: expect.any(String)
      }
    })
    expect(changes.at(-1)?.[0]?.pendingMove?.domain).toBe('acme-new.bitrix24.com')

    // Until confirmed, calls go to the old address.
    portal.state.moving = false
    await (await services.portals.client('o1')).call('profile')
    expect(portal.state.sent.filter((request) => request.url.includes('acme-new'))).toEqual([])
    expect(portal.state.sent.every((request) => request.body.includes(TOKEN))).toBe(true)

    const confirmed = await services.dispatch('portals.confirmMove', {
      id: 'o1',
      origin: 'https://acme-new.bitrix24.com'
    })
    expect(confirmed).toMatchObject({ ok: true, value: { domain: 'acme-new.bitrix24.com' } })
    expect(await stored(services, 'o1')).toEqual({
      ...oauthRecord,
      domain: 'acme-new.bitrix24.com',
      connection: { ...oauthRecord.connection, origin: 'https://acme-new.bitrix24.com' }
    })
    await (await services.portals.client('o1')).call('profile')
    expect(portal.state.sent.at(-1)?.url).toBe('https://acme-new.bitrix24.com/rest/profile')
    await services.dispose()
  })

  it('a portal that is its own OAuth server (on this machine) takes it along when the move is confirmed', async () => {
    const local = webhookRecord({
      ...oauthRecord,
      id: 'o2',
      connection: { ...oauthRecord.connection, origin: 'http://127.0.0.1:4000', oauthServer: 'http://127.0.0.1:4000' }
    } as Partial<PortalRecord>)
    const services = await servicesWith(movingPortal('https://x.invalid').fetch, local, secrets)
    await services.portals.noteMove('o2', 'http://127.0.0.1:4001')
    const moved = await services.dispatch('portals.confirmMove', { id: 'o2', origin: 'http://127.0.0.1:4001' })
    expect(moved.ok).toBe(true)
    expect((await stored(services, 'o2')).connection).toMatchObject({
      origin: 'http://127.0.0.1:4001',
      oauthServer: 'http://127.0.0.1:4001'
    })
    await services.dispose()
  })
})
