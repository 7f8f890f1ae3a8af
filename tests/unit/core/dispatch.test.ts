import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  channelNames,
  MAX_ARGUMENT_CHARS,
  MAX_ARGUMENT_DEPTH,
  MAX_ARGUMENT_NODES,
  type ApiHandlers
} from '../../../electron/contract'
import { exceededArgumentLimit } from '../../../electron/core/argument-limits'
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
import { LeadCardService } from '../../../electron/core/leads/lead-card-service'
import { UserfieldsService } from '../../../electron/core/userfields/userfields-service'
import { SavedViewsService } from '../../../electron/core/leads/saved-views'
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
    layouts: new LayoutsService(workspaces),
    views: new SavedViewsService(dataDir, portals),
    leadCard: new LeadCardService(workspaces)
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

/** `levels` containers made by `wrap`, one inside the other, around a string. */
function nested(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'leaf'
  for (let level = 0; level < levels; level++) value = wrap(value)
  return value
}

const zeros = (count: number) => Array<string>(count).fill('0').join('.')

describe('the measure of an argument before its schema', () => {
  it('accepts lists nested 64 levels deep and refuses 65, naming the limit and where it was reached', () => {
    expect(MAX_ARGUMENT_DEPTH).toBe(64)
    expect(exceededArgumentLimit(nested(64, (inner) => [inner]))).toBeUndefined()
    expect(exceededArgumentLimit(nested(65, (inner) => [inner]))).toEqual({
      path: zeros(64),
      message: 'An argument may nest objects and lists at most 64 levels deep',
      limit: 64
    })
  })

  it('refuses objects nested 100,000 levels deep without overflowing the stack', () => {
    expect(exceededArgumentLimit(nested(100_000, (inner) => ({ a: inner })))).toMatchObject({
      path: Array<string>(64).fill('a').join('.'),
      limit: 64
    })
  })

  it('ends on a value that contains itself (a structured clone can carry one, JSON cannot)', () => {
    const loop: unknown[] = []
    loop.push({ again: loop })
    expect(exceededArgumentLimit(loop)).toMatchObject({ path: Array<string>(32).fill('0.again').join('.'), limit: 64 })
  })

  it('accepts an object as wide as the value limit and refuses one more', () => {
    const wide = (keys: number) => Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, index]))
    // The object itself is one of the values.
    expect(exceededArgumentLimit(wide(MAX_ARGUMENT_NODES - 1))).toBeUndefined()
    expect(exceededArgumentLimit(wide(MAX_ARGUMENT_NODES))).toEqual({
      path: '',
      message: 'An argument may hold at most 200,000 values',
      limit: MAX_ARGUMENT_NODES
    })
  })

  it('counts values at every level, and refuses a sparse list claiming billions of items at once', () => {
    const rows = Array.from({ length: 1_000 }, () => Array.from({ length: 250 }, () => 1))
    expect(exceededArgumentLimit({ rows })).toMatchObject({ limit: MAX_ARGUMENT_NODES })
    expect(exceededArgumentLimit({ rows: rows.slice(0, 700) })).toBeUndefined()
    const started = Date.now()
    expect(exceededArgumentLimit({ list: new Array(2 ** 32 - 1) })).toMatchObject({
      path: 'list',
      limit: MAX_ARGUMENT_NODES
    })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('counts the characters of strings and keys together', () => {
    expect(exceededArgumentLimit({ t: 'x'.repeat(MAX_ARGUMENT_CHARS - 1) })).toBeUndefined()
    expect(exceededArgumentLimit({ text: 'x'.repeat(MAX_ARGUMENT_CHARS - 10), ['k'.repeat(20)]: 1 })).toEqual({
      path: 'text',
      message: 'An argument may hold at most 4,000,000 characters of text',
      limit: MAX_ARGUMENT_CHARS
    })
    expect(exceededArgumentLimit({ data: new Uint8Array(MAX_ARGUMENT_CHARS + 1) })).toMatchObject({ path: 'data' })
  })

  it('cuts a huge key short in the path it reports', () => {
    const key = 'K'.repeat(100_000)
    const issue = exceededArgumentLimit({ [key]: nested(70, (inner) => [inner]) })
    expect(issue?.path.length).toBeLessThan(300)
    expect(issue?.path.startsWith('KKKK')).toBe(true)
  })
})

describe('dispatch of hostile arguments', () => {
  it('refuses an argument 100,000 levels deep with INVALID_ARGUMENT and a short reply', async () => {
    const { dispatch } = makeServices(temp.dir)
    const patch = { TITLE: nested(100_000, (inner) => [inner]) }
    const envelope = await dispatch('leads.edit', { portalId: 'p1', key: 1, patch })
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'Invalid argument for leads.edit.',
        details: {
          issues: [
            {
              path: `patch.TITLE.${zeros(62)}`,
              message: 'An argument may nest objects and lists at most 64 levels deep',
              limit: 64
            }
          ]
        }
      }
    })
  })

  it('lists at most 20 problems of an argument and counts the rest', async () => {
    const { dispatch } = makeServices(temp.dir)
    const rows = Array.from({ length: 500 }, (_, index) => index)
    const envelope = await dispatch('leads.setProductRows', { portalId: 'p1', key: 1, rows })
    const issues = envelope.ok ? [] : (envelope.error.details as { issues: Array<{ path: string }> }).issues
    expect(issues).toHaveLength(21)
    expect(issues[0]?.path).toBe('rows.0')
    expect(issues[20]).toEqual({ path: '', message: 'and 480 more problems' })
  })

  it('never echoes a huge or deep value back in an error', async () => {
    const handlers = makeHandlers(temp.dir)
    const huge = {
      text: 'x'.repeat(1_000_000),
      list: Array.from({ length: 100_000 }, (_, index) => index),
      deep: nested(5_000, (inner) => ({ inner }))
    }
    handlers['portals.list'] = async () => {
      throw new AppError('INVALID_ARGUMENT', 'm'.repeat(1_000_000), { condition: huge })
    }
    const envelope = await createDispatcher(handlers)('portals.list', undefined)
    const text = JSON.stringify(envelope)
    expect(text.length).toBeLessThan(100_000)
    const error = !envelope.ok ? envelope.error : undefined
    expect(error?.code).toBe('INVALID_ARGUMENT')
    expect(error?.message).toMatch(/^m{2000}… \(998000 more characters\)$/)
    const echoed = (error?.details as { condition: { text: string; list: unknown[]; deep: unknown } }).condition
    expect(echoed.text).toMatch(/^x{1000}… \(999000 more characters\)$/)
    expect(echoed.list.slice(0, 3)).toEqual([0, 1, 2])
    expect(echoed.list.at(-1)).toBe('… (99500 more items)')
    expect(text).toContain('"inner":"…"')
  })

  it('keeps a __proto__ key of an echoed value as data, not as a prototype', async () => {
    const handlers = makeHandlers(temp.dir)
    handlers['portals.list'] = async () => {
      throw new AppError('NOT_FOUND', 'gone', JSON.parse('{"__proto__": {"polluted": true}}'))
    }
    const envelope = await createDispatcher(handlers)('portals.list', undefined)
    const details = !envelope.ok ? (envelope.error.details as Record<string, unknown>) : {}
    expect(Object.getPrototypeOf(details)).toBe(Object.prototype)
    expect(Object.hasOwn(details, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('answers INTERNAL even when what was thrown cannot be logged or copied', async () => {
    const handlers = makeHandlers(temp.dir)
    handlers['portals.list'] = async () => {
      throw {
        toString() {
          throw new Error('cannot be shown')
        }
      }
    }
    handlers['app.info'] = async () => {
      throw new AppError('NOT_FOUND', 'gone', {
        get broken() {
          throw new Error('cannot be read')
        }
      })
    }
    const dispatch = createDispatcher(handlers)
    expect(await dispatch('portals.list', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await dispatch('app.info', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
