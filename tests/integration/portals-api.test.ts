import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import type { Services } from '../../electron/core/services'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from '../support/core'
import { startTestEmulator } from '../support/emulator'

let north: Emulator
let south: Emulator
beforeAll(async () => {
  north = await startTestEmulator({ leads: 30, seed: 1 })
  south = await startTestEmulator({ leads: 12, seed: 2 })
})
afterAll(async () => {
  await north.close()
  await south.close()
})

let temp: Awaited<ReturnType<typeof makeTempDir>>
let secrets: MemorySecretStore
let services: Services
let announced: PortalSummary[][]
beforeEach(async () => {
  temp = await makeTempDir()
  secrets = new MemorySecretStore()
  services = makeServices(temp.dir, secrets)
  announced = []
  services.events.on('portals.changed', (list) => announced.push(list))
  return async () => {
    await services.dispose()
    await temp.cleanup()
  }
})

const ok = async <T>(channel: string, arg?: unknown): Promise<T> => {
  const envelope = await services.dispatch(channel, arg)
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.value as T
}
const failure = async (channel: string, arg?: unknown) => {
  const envelope = await services.dispatch(channel, arg)
  expect(envelope.ok).toBe(false)
  return (envelope as { error: { code: string; message: string; details?: unknown } }).error
}

describe('connecting a portal by webhook', () => {
  it('checks the webhook with real calls and keeps the code only in the keychain', async () => {
    const portal = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
    const host = new URL(north.url).host
    expect(portal).toMatchObject({
      name: host,
      domain: host,
      authKind: 'webhook',
      status: 'connected',
      isProduction: false,
      color: '#2080f0',
      user: { id: 1, name: 'Anna Smith' },
      scopes: expect.arrayContaining(['crm', 'user'])
    })
    const code = north.credentials.webhooks[0]!.code
    expect(JSON.parse((await secrets.get(`portal:${portal.id}`))!)).toEqual({ webhookCode: code })
    expect(await readFile(join(temp.dir, 'portals.json'), 'utf8')).not.toContain(code)
    expect(announced).toHaveLength(1)
  })

  it('connecting the same webhook user again updates that portal instead of adding a twin', async () => {
    const first = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
    await ok('portals.update', { id: first.id, name: 'North', isProduction: true })
    const again = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
    expect(again).toMatchObject({ id: first.id, name: 'North', isProduction: true })
    expect(await ok<PortalSummary[]>('portals.list')).toHaveLength(1)
  })

  it('several portals at once, each with its own colour and client', async () => {
    const a = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl, name: 'North' })
    const b = await ok<PortalSummary>('portals.connectWebhook', { url: south.webhookUrl, name: 'South' })
    expect(a.color).not.toBe(b.color)
    const totals = await Promise.all(
      [a, b].map((portal) =>
        ok<{ total: number }>('console.call', {
          portalId: portal.id,
          method: 'crm.lead.list',
          params: { select: ['ID'] }
        })
      )
    )
    expect(totals.map((reply) => reply.total)).toEqual([30, 12])
  })

  it('learns the plan from app.info, so an enterprise portal gets the bigger request budget', async () => {
    const enterprise = await startTestEmulator({ leads: 0, limits: 'enterprise' })
    try {
      const standard = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
      const big = await ok<PortalSummary>('portals.connectWebhook', { url: enterprise.webhookUrl })
      expect((await services.portals.record(standard.id)).plan).toBe('standard')
      expect((await services.portals.record(big.id)).plan).toBe('enterprise')
      // The renderer is not told the plan; it is the core's business.
      expect(big).not.toHaveProperty('plan')
    } finally {
      await enterprise.close()
    }
  })

  it('refuses a webhook without the crm scope and keeps nothing', async () => {
    north.credentials.webhooks.push({ userId: 3, code: 'nocrmscope1234', scopes: ['user', 'profile'] })
    const error = await failure('portals.connectWebhook', { url: `${north.url}/rest/3/nocrmscope1234/` })
    expect(error).toMatchObject({ code: 'MISSING_SCOPE', details: { scopes: ['user', 'profile'] } })
    expect(await secrets.list()).toEqual([])
    expect(await ok('portals.list')).toEqual([])
  })

  it('explains a wrong webhook code and an unreachable portal', async () => {
    expect(await failure('portals.connectWebhook', { url: `${north.url}/rest/1/wrongcode1234/` })).toMatchObject({
      code: 'PORTAL_REJECTED',
      details: { portalCode: 'NO_AUTH_FOUND', status: 401 }
    })
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await failure('portals.connectWebhook', { url: `http://127.0.0.1:${port}/rest/1/abcd1234/` })).toMatchObject(
      {
        code: 'PORTAL_UNREACHABLE'
      }
    )
  })
})

describe('portal settings and the REST console', () => {
  it('renames, recolours and marks a portal as production', async () => {
    const portal = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
    const changed = await ok<PortalSummary>('portals.update', {
      id: portal.id,
      name: 'Prod',
      color: '#123456',
      isProduction: true
    })
    expect(changed).toMatchObject({ name: 'Prod', color: '#123456', isProduction: true })
    expect((await ok<PortalSummary[]>('portals.list'))[0]).toEqual(changed)
    expect((await failure('portals.update', { id: portal.id, color: 'red' })).code).toBe('INVALID_ARGUMENT')
    expect((await failure('portals.update', { id: 'nope', name: 'x' })).code).toBe('NOT_FOUND')
  })

  it('the console shows the raw result with timings and operating figures, or the raw error', async () => {
    const portal = await ok<PortalSummary>('portals.connectWebhook', { url: north.webhookUrl })
    const reply = await ok<Record<string, unknown>>('console.call', {
      portalId: portal.id,
      method: 'crm.lead.list',
      params: { select: ['ID', 'TITLE'], filter: { '<=ID': 3 } }
    })
    expect(reply).toMatchObject({
      status: 200,
      total: 3,
      result: [{ ID: '1' }, { ID: '2' }, { ID: '3' }].map((row) => expect.objectContaining(row))
    })
    expect(reply.time).toMatchObject({
      processing: expect.any(Number),
      operating: expect.any(Number),
      operating_reset_at: expect.any(Number)
    })
    expect(reply.ms).toEqual(expect.any(Number))
    const error = await ok<Record<string, unknown>>('console.call', {
      portalId: portal.id,
      method: 'crm.lead.get',
      params: { id: 0 }
    })
    expect(error).toMatchObject({ status: 400, error: '', errorDescription: 'ID is not defined or invalid.' })
    expect(
      (await failure('console.call', { portalId: portal.id, method: 'crm.lead.list; rm -rf', params: {} })).code
    ).toBe('INVALID_ARGUMENT')
  })
})

describe('a portal that moved', () => {
  it('is not connected at its old address: the new one is named, and the webhook never sent there', async () => {
    const moving = createServer((request, response) => {
      response.writeHead(302, { Location: `${north.url}${request.url}` })
      response.end()
    })
    await new Promise<void>((resolve) => moving.listen(0, '127.0.0.1', resolve))
    try {
      const oldOrigin = `http://127.0.0.1:${(moving.address() as { port: number }).port}`
      const hook = north.credentials.webhooks[0]!
      const requests = north.rest.stats.requests
      const refused = await failure('portals.connectWebhook', { url: `${oldOrigin}/rest/1/${hook.code}/` })
      expect(refused).toMatchObject({ code: 'PORTAL_MOVED', details: { to: north.url, confirmable: true } })
      expect(JSON.stringify(refused)).not.toContain(hook.code)
      expect(north.rest.stats.requests).toBe(requests)
      expect(await ok<PortalSummary[]>('portals.list')).toEqual([])
    } finally {
      moving.close()
    }
  })
})
