import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { channelNames, type ApiHandlers } from '../../../electron/contract'
import { createApi } from '../../../electron/core/api'
import { PortalSecrets } from '../../../electron/core/auth/portal-secrets'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import { createDispatcher } from '../../../electron/core/dispatch'
import { AppError } from '../../../electron/core/errors'
import { EventBus } from '../../../electron/core/events'
import { DemoPortal } from '../../../electron/core/portals/demo-portal'
import { PortalRegistry } from '../../../electron/core/portals/portal-registry'
import { PortalWorkspaces } from '../../../electron/core/workspaces/portal-workspaces'
import { TransferFilePort } from '../../../electron/core/files/transfer-file-port'
import { LayoutsService } from '../../../electron/core/layouts/layouts-service'
import { UserfieldsService } from '../../../electron/core/userfields/userfields-service'
import { LeadsService } from '../../../electron/core/leads/leads-service'
import { OAuthConnector } from '../../../electron/core/portals/portal-oauth'
import { PortalService } from '../../../electron/core/portals/portal-service'
import { makeServices, makeTempDir } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

function makeHandlers(dataDir: string): ApiHandlers {
  const secretStore = new MemorySecretStore()
  const events = new EventBus()
  const portals = new PortalService({
    registry: new PortalRegistry(dataDir),
    secrets: new PortalSecrets(secretStore),
    demo: new DemoPortal(dataDir),
    events
  })
  const workspaces = new PortalWorkspaces(dataDir, portals, events)
  return createApi({
    app: {
      name: 'Lead Admin',
      version: '1',
      platform: 'linux',
      host: 'loopback',
      oauth: { callbackUrl: 'http://127.0.0.1:53682/oauth/callback' }
    },
    secretStore,
    portals,
    oauth: new OAuthConnector(portals, { openBrowser: async () => {} }),
    workspaces,
    leads: new LeadsService(workspaces, events),
    files: new TransferFilePort(join(dataDir, 'files')),
    userfields: new UserfieldsService(workspaces),
    layouts: new LayoutsService(workspaces)
  })
}

/** Arguments no channel accepts: wrong types, extra keys, oversized strings. */
const badArguments: unknown[] = [42, 'text', [], { unexpected: true }, null, { url: 'x'.repeat(5000) }, { id: '' }]

describe('the contract and its handlers', () => {
  it('has exactly one handler for every channel and no handler without a channel', () => {
    const handlers = makeHandlers(temp.dir)
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort())
    for (const name of channelNames) expect(typeof handlers[name]).toBe('function')
  })

  it.each(channelNames)('%s rejects bad arguments with a typed INVALID_ARGUMENT error', async (channel) => {
    const { dispatch } = makeServices(temp.dir)
    for (const arg of badArguments) {
      const envelope = await dispatch(channel, arg)
      expect(envelope.ok, `${channel} accepted ${JSON.stringify(arg)?.slice(0, 40)}`).toBe(false)
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('INVALID_ARGUMENT')
        expect(envelope.error.message).toContain(channel)
        expect((envelope.error.details as { issues: unknown[] }).issues.length).toBeGreaterThan(0)
      }
    }
  })

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { dispatch } = makeServices(temp.dir)
    const envelope = await dispatch('fs.readFile', { path: '/etc/passwd' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
  })

  it('does not treat inherited object keys as channels', async () => {
    const { dispatch } = makeServices(temp.dir)
    expect(await dispatch('constructor', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(await dispatch('__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
  })

  it('turns an unexpected failure into INTERNAL without leaking its text', async () => {
    const handlers = makeHandlers(temp.dir)
    handlers['portals.list'] = async () => {
      throw new Error('ENOENT /home/user/secret-path token=abc')
    }
    const envelope = await createDispatcher(handlers)('portals.list', undefined)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(envelope)).not.toContain('secret-path')
  })

  it('passes an AppError through with its code, message and details', async () => {
    const handlers = makeHandlers(temp.dir)
    handlers['portals.list'] = async () => {
      throw new AppError('NOT_FOUND', 'gone', { id: 'x' })
    }
    expect(await createDispatcher(handlers)('portals.list', undefined)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', details: { id: 'x' } }
    })
  })

  it('names what is wrong with a bad field code, not only that a key is invalid', async () => {
    const reply = await createDispatcher(makeHandlers(temp.dir))('leads.edit', {
      portalId: 'p1',
      key: 5,
      patch: { 'title; DROP': 'x' }
    })
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        details: { issues: [{ path: 'patch.title; DROP', message: 'A field code looks like TITLE or UF_CRM_REGION' }] }
      }
    })
  })

  it('hands the handler the parsed (trimmed) argument', async () => {
    const handlers = makeHandlers(temp.dir)
    let received: unknown
    handlers['portals.remove'] = async (args) => {
      received = args
    }
    await createDispatcher(handlers)('portals.remove', { id: '  p1  ' })
    expect(received).toEqual({ id: 'p1' })
  })
})
