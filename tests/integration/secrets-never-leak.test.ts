import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventNames, type PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { createServices, type Services } from '../../electron/core/services'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeTempDir } from '../support/core'
import { admin, startTestEmulator } from '../support/emulator'
import { freePort } from '../support/free-port'
import { approveInBrowser } from '../support/oauth-browser'

/**
 * Secrets (tokens, client secrets, webhook codes) live only in the keychain. This drives every
 * channel the renderer can call — with portals connected by webhook, OAuth and the demo — records
 * everything that comes back and every event, reads every file the app wrote, and fails if any
 * secret appears anywhere.
 */
let webhookPortal: Emulator
let oauthPortal: Emulator
let temp: Awaited<ReturnType<typeof makeTempDir>>
let services: Services
const secretStore = new MemorySecretStore()
const seen: string[] = []

async function call(channel: string, arg?: unknown) {
  const envelope = await services.dispatch(channel, arg)
  seen.push(JSON.stringify(envelope))
  return envelope
}

async function value<T>(channel: string, arg?: unknown): Promise<T> {
  const envelope = await call(channel, arg)
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.value as T
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

beforeAll(async () => {
  webhookPortal = await startTestEmulator({ leads: 10, seed: 1 })
  oauthPortal = await startTestEmulator({ leads: 10, seed: 2 })
  const port = await freePort()
  await admin(oauthPortal, 'oauth/app', { redirectUri: `http://127.0.0.1:${port}/oauth/callback` })
  temp = await makeTempDir()
  services = createServices({
    app: { name: 'Lead Admin', version: 'test', platform: process.platform, host: 'loopback' },
    dataDir: temp.dir,
    secretStore,
    oauth: { openBrowser: approveInBrowser, port }
  })
  for (const event of eventNames) services.events.on(event, (payload) => seen.push(JSON.stringify(payload)))
})
afterAll(async () => {
  await services.dispose()
  await webhookPortal.close()
  await oauthPortal.close()
  await temp.cleanup()
})

describe('secrets never leave the keychain', () => {
  it('no channel result, error or event and no written file contains a token, secret or webhook code', async () => {
    const app = oauthPortal.credentials.apps[0]!
    const webhook = await value<PortalSummary>('portals.connectWebhook', { url: webhookPortal.webhookUrl })
    const oauth = await value<PortalSummary>('portals.startOAuth', {
      portalAddress: oauthPortal.url,
      clientId: app.clientId,
      clientSecret: app.clientSecret
    })
    expect(oauth).toMatchObject({ authKind: 'oauth', status: 'connected', scopes: ['crm', 'user', 'profile'] })
    const demo = await value<PortalSummary>('portals.openDemo')

    for (const portal of [webhook, oauth, demo]) {
      for (const [method, params] of [
        ['profile', {}],
        ['scope', {}],
        ['app.info', {}],
        ['user.current', {}],
        ['crm.lead.list', { select: ['*', 'UF_*', 'PHONE', 'EMAIL'] }],
        ['crm.lead.get', { id: 0 }],
        ['crm.lead.userfield.list', {}]
      ] as const) {
        await value('console.call', { portalId: portal.id, method, params })
      }
      await value('portals.update', { id: portal.id, name: `${portal.name} (renamed)`, isProduction: true })
    }
    // An expired OAuth token is refreshed on the way, and the new pair must not leak either.
    await admin(oauthPortal, 'clock', { advanceMs: 3_600_000 + 1000 })
    expect(await value('console.call', { portalId: oauth.id, method: 'crm.lead.list', params: {} })).toMatchObject({
      status: 200
    })

    for (const channel of ['app.info', 'portals.list', 'portals.cancelOAuth']) await call(channel)
    await call('portals.connectWebhook', { url: `${webhookPortal.url}/rest/1/wrongcode1234/` })
    await call('console.call', { portalId: 'nope', method: 'profile', params: {} })
    await call('portals.remove', { id: webhook.id })

    const secrets = new Set<string>([
      ...webhookPortal.credentials.webhooks.map((hook) => hook.code),
      ...oauthPortal.credentials.webhooks.map((hook) => hook.code),
      app.clientSecret,
      ...[...oauthPortal.credentials.accessTokens.keys()],
      ...[...oauthPortal.credentials.refreshTokens.keys()]
    ])
    for (const account of await secretStore.list()) {
      for (const secret of Object.values(JSON.parse((await secretStore.get(account))!) as Record<string, string>))
        secrets.add(secret)
    }
    expect(secrets.size).toBeGreaterThan(8)
    expect(seen.length).toBeGreaterThan(30)

    const everythingTheRendererGot = seen.join('\n')
    // Stopping writes what is still pending (the demo portal saves its data on close).
    await services.dispose()
    const written = await filesUnder(temp.dir)
    const names = written.map((file) => file.slice(temp.dir.length + 1)).sort()
    // Besides the registry and the demo's data, only the local copies of the portals still
    // connected: each started its first download when it was connected.
    const databases = names.filter((name) => /^portals\/[\w-]+\/leads\.db(-wal|-shm)?$/.test(name))
    expect(names.filter((name) => !databases.includes(name))).toEqual(['demo-portal.json', 'portals.json'])
    expect(databases.length).toBeGreaterThan(0)
    // The databases are read as bytes: a secret would show in them as its text.
    const everythingWritten = (await Promise.all(written.map((file) => readFile(file, 'latin1')))).join('\n')
    for (const secret of secrets) {
      expect(everythingTheRendererGot.includes(secret), 'a secret reached the renderer').toBe(false)
      expect(everythingWritten.includes(secret), 'a secret was written to a file').toBe(false)
    }
  }, 60_000)
})
