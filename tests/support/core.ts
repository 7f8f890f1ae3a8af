import type { PortalRecord } from '../../electron/core/portals/portal-record'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import type { SecretStore } from '../../electron/core/auth/secret-store'
import { createServices, type ServicesOptions } from '../../electron/core/services'

/** A fresh, empty folder for one test; removed by the returned cleanup. */
export async function makeTempDir(prefix = 'lead-admin-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * The real core services over a temp data folder and an in-memory secret store. A connected
 * portal does not start syncing by itself unless `sync.syncOnConnect` says so.
 */
export function makeServices(
  dataDir: string,
  secretStore: SecretStore = new MemorySecretStore(),
  options: Partial<Pick<ServicesOptions, 'clientOptions' | 'sync' | 'oauth' | 'files'>> = {}
) {
  return createServices({
    app: { name: 'Lead Admin', version: '0.0.0-test', platform: process.platform, host: 'loopback' },
    dataDir,
    secretStore,
    // No browser in tests: a sign-in that needs one fails clearly. Port 0: any free port.
    oauth: { openBrowser: async () => Promise.reject(new Error('No browser in this test')), port: 0 },
    ...options,
    // Tests run the syncs they need themselves, unless they ask for the app's own start on connect.
    sync: { syncOnConnect: false, ...options.sync }
  })
}

/** A stored webhook portal record, for tests that need a connected portal without connecting one. */
export function webhookRecord(overrides: Partial<PortalRecord> = {}): PortalRecord {
  return {
    id: 'p1',
    name: 'Acme',
    domain: 'acme.bitrix24.com',
    authKind: 'webhook',
    color: '#f0a020',
    isProduction: true,
    addedAt: '2026-01-01T00:00:00.000Z',
    scopes: ['crm'],
    status: 'connected',
    plan: 'standard',
    connection: { kind: 'webhook', origin: 'https://acme.bitrix24.com', userId: 1 },
    ...overrides
  }
}
