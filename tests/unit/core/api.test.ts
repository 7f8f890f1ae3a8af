import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../../electron/contract'
import { KeytarSecretStore } from '../../../electron/core/auth/keytar-secret-store'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import { PortalRegistry } from '../../../electron/core/portals/portal-registry'
import { makeServices, makeTempDir } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

const demoPortal: PortalSummary = {
  id: 'p1',
  name: 'Acme',
  domain: 'acme.bitrix24.com',
  authKind: 'webhook',
  color: '#f0a020',
  isProduction: true,
  addedAt: '2026-01-01T00:00:00.000Z'
}

describe('the API implementation', () => {
  it('app.info reports the host and the secret store state', async () => {
    const { dispatch } = makeServices(temp.dir)
    expect(await dispatch('app.info', undefined)).toEqual({
      ok: true,
      value: {
        name: 'Lead Admin',
        version: '0.0.0-test',
        platform: process.platform,
        host: 'loopback',
        secretStore: { available: true, backend: 'memory' }
      }
    })
  })

  it('app.info tells when the keychain is unavailable, with the reason', async () => {
    const store = new KeytarSecretStore(() => {
      throw new Error('no keychain here')
    })
    const envelope = await makeServices(temp.dir, store).dispatch('app.info', undefined)
    expect(envelope).toMatchObject({
      ok: true,
      value: { secretStore: { available: false, reason: expect.stringContaining('no keychain here') } }
    })
  })

  it('portals.connectWebhook explains what is wrong with a bad URL', async () => {
    const { dispatch } = makeServices(temp.dir)
    expect(await dispatch('portals.connectWebhook', { url: 'https://acme.bitrix24.com/crm/' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_WEBHOOK_URL', details: { problem: 'notWebhookPath' } }
    })
  })

  it('portals.connectWebhook with a good URL says the check is not built yet, and stores nothing', async () => {
    const secrets = new MemorySecretStore()
    const { dispatch } = makeServices(temp.dir, secrets)
    expect(
      await dispatch('portals.connectWebhook', { url: 'https://acme.bitrix24.com/rest/1/abcd1234/' })
    ).toMatchObject({ ok: false, error: { code: 'NOT_IMPLEMENTED', details: { feature: 'webhookConnect' } } })
    expect(await secrets.list()).toEqual([])
    expect(await dispatch('portals.list', undefined)).toEqual({ ok: true, value: [] })
  })

  it.each([
    [
      'portals.startOAuth',
      { portalAddress: 'acme.bitrix24.com', clientId: 'local.1', clientSecret: 's' },
      'oauthSignIn'
    ],
    ['portals.openDemo', undefined, 'demoPortal']
  ] as const)('%s is reported as not built yet', async (channel, arg, feature) => {
    const { dispatch } = makeServices(temp.dir)
    expect(await dispatch(channel, arg)).toMatchObject({
      ok: false,
      error: { code: 'NOT_IMPLEMENTED', details: { feature } }
    })
  })

  it('portals.remove deletes the portal and its secrets and announces the new list', async () => {
    const secrets = new MemorySecretStore()
    await new PortalRegistry(temp.dir).save(demoPortal)
    await secrets.set('portal:p1', JSON.stringify({ webhookCode: 'abcd1234' }))
    const services = makeServices(temp.dir, secrets)
    const announced: PortalSummary[][] = []
    services.events.on('portals.changed', (list) => announced.push(list))

    expect(await services.dispatch('portals.list', undefined)).toEqual({ ok: true, value: [demoPortal] })
    expect(await services.dispatch('portals.remove', { id: 'p1' })).toEqual({ ok: true, value: undefined })
    expect(await secrets.list()).toEqual([])
    expect(await services.dispatch('portals.list', undefined)).toEqual({ ok: true, value: [] })
    expect(announced).toEqual([[]])
  })

  it('portals.remove of an unknown portal is NOT_FOUND', async () => {
    const { dispatch } = makeServices(temp.dir)
    expect(await dispatch('portals.remove', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('portals.remove keeps the portal when the keychain refuses, so the user can retry', async () => {
    await new PortalRegistry(temp.dir).save(demoPortal)
    const store = new KeytarSecretStore(() => {
      throw new Error('locked')
    })
    const { dispatch } = makeServices(temp.dir, store)
    expect(await dispatch('portals.remove', { id: 'p1' })).toMatchObject({
      ok: false,
      error: { code: 'SECRET_STORE_UNAVAILABLE' }
    })
    expect(await dispatch('portals.list', undefined)).toEqual({ ok: true, value: [demoPortal] })
  })
})
