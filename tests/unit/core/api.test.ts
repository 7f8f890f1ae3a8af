import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../../electron/core/auth/keytar-secret-store'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import { PortalRegistry } from '../../../electron/core/portals/portal-registry'
import { makeServices, makeTempDir, webhookRecord } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

const acmeRecord = webhookRecord()
/** What the renderer may see of acmeRecord: all of it but how the portal is reached and its plan. */
const acmePortal = {
  id: 'p1',
  name: 'Acme',
  domain: 'acme.bitrix24.com',
  authKind: 'webhook',
  color: '#f0a020',
  isProduction: true,
  addedAt: '2026-01-01T00:00:00.000Z',
  scopes: ['crm'],
  status: 'connected'
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
        secretStore: { available: true, backend: 'memory' },
        oauth: { callbackUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/) }
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

  it('portals.startOAuth without a browser fails clearly, and cancelOAuth has nothing to cancel', async () => {
    const { dispatch } = makeServices(temp.dir)
    const arg = { portalAddress: 'acme.bitrix24.com', clientId: 'local.1', clientSecret: 's' }
    expect(await dispatch('portals.startOAuth', arg)).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_FAILED', details: { reason: 'browserFailed' } }
    })
    expect(await dispatch('portals.cancelOAuth', undefined)).toEqual({ ok: true, value: false })
  })

  it('portals.openDemo starts the local demo portal and connects it by webhook; remove stops it', async () => {
    const secrets = new MemorySecretStore()
    const services = makeServices(temp.dir, secrets)
    try {
      const opened = await services.dispatch('portals.openDemo', undefined)
      expect(opened).toMatchObject({ ok: true, value: { id: 'demo', authKind: 'demo', name: 'Demo portal' } })
      const { webhookCode } = JSON.parse((await secrets.get('portal:demo'))!) as { webhookCode: string }
      expect(webhookCode).toMatch(/^[0-9a-f]{16}$/)
      // Opening it again reuses the running portal and the same entry.
      expect(await services.dispatch('portals.openDemo', undefined)).toEqual(opened)
      expect(await services.dispatch('portals.list', undefined)).toMatchObject({ ok: true, value: [{ id: 'demo' }] })
      expect(await services.dispatch('portals.remove', { id: 'demo' })).toEqual({ ok: true, value: undefined })
      expect(await secrets.list()).toEqual([])
    } finally {
      await services.dispose()
    }
  }, 30_000)

  it('portals.remove deletes the portal and its secrets and announces the new list', async () => {
    const secrets = new MemorySecretStore()
    await new PortalRegistry(temp.dir).save(acmeRecord)
    await secrets.set('portal:p1', JSON.stringify({ webhookCode: 'abcd1234' }))
    const services = makeServices(temp.dir, secrets)
    const announced: unknown[][] = []
    services.events.on('portals.changed', (list) => announced.push(list))

    expect(await services.dispatch('portals.list', undefined)).toEqual({ ok: true, value: [acmePortal] })
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
    await new PortalRegistry(temp.dir).save(acmeRecord)
    const store = new KeytarSecretStore(() => {
      throw new Error('locked')
    })
    const { dispatch } = makeServices(temp.dir, store)
    expect(await dispatch('portals.remove', { id: 'p1' })).toMatchObject({
      ok: false,
      error: { code: 'SECRET_STORE_UNAVAILABLE' }
    })
    expect(await dispatch('portals.list', undefined)).toEqual({ ok: true, value: [acmePortal] })
  })
})
