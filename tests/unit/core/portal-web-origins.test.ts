import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PortalRegistry } from '../../../electron/core/portals/portal-registry'
import { makeServices, makeTempDir, webhookRecord } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

describe('PortalService.webOrigins', () => {
  it('lists the origins of the webhook and OAuth portals, not the Demo portal', async () => {
    const registry = new PortalRegistry(temp.dir)
    await registry.save(webhookRecord({ id: 'a' }))
    await registry.save(
      webhookRecord({
        id: 'b',
        authKind: 'oauth',
        connection: {
          kind: 'oauth',
          origin: 'https://crm.example.org',
          clientId: 'local.1',
          memberId: 'm1',
          oauthServer: 'https://oauth.bitrix.info'
        }
      })
    )
    await registry.save(webhookRecord({ id: 'c', authKind: 'demo', connection: { kind: 'demo' } }))
    const services = makeServices(temp.dir)
    expect(await services.portals.webOrigins()).toEqual(['https://acme.bitrix24.com', 'https://crm.example.org'])
    await services.portals.remove('a')
    expect(await services.portals.webOrigins()).toEqual(['https://crm.example.org'])
    await services.dispose()
  })
})
