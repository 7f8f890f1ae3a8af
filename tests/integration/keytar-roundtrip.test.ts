import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/core/auth/keytar-secret-store'
import { PortalSecrets } from '../../electron/core/auth/portal-secrets'

/**
 * The real OS keychain through keytar. CI runs this inside `dbus-run-session` with an unlocked
 * gnome-keyring and sets LEAD_ADMIN_REQUIRE_KEYCHAIN=1, so there the round trip must work.
 * Elsewhere, without a Secret Service, the store must say so clearly instead of faking it.
 */
const keychainRequired = process.env.LEAD_ADMIN_REQUIRE_KEYCHAIN === '1'
// A service name of its own, so a developer's real Lead Admin entries are never touched.
const store = new KeytarSecretStore(undefined, `Lead Admin test ${randomUUID()}`)

describe('keytar secret store (real keychain)', () => {
  it('round-trips secrets through the OS keychain, or reports clearly why it cannot', async () => {
    const status = await store.status()
    if (keychainRequired) expect(status, status.reason).toEqual({ available: true, backend: 'keychain' })

    if (!status.available) {
      expect(status.backend).toBe('none')
      expect(status.reason).toMatch(/keychain/i)
      await expect(store.set('portal:x', 'v')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' })
      return
    }

    const secrets = new PortalSecrets(store)
    const account = `portal:${randomUUID()}`
    await store.set(account, 'first')
    await store.set(account, 'second')
    expect(await store.get(account)).toBe('second')
    expect(await store.list()).toContain(account)
    expect(await store.delete(account)).toBe(true)
    expect(await store.get(account)).toBeNull()

    await secrets.write('p1', { accessToken: 'access-Ω', refreshToken: 'refresh' })
    expect(await secrets.read('p1')).toEqual({ accessToken: 'access-Ω', refreshToken: 'refresh' })
    await secrets.remove('p1')
    expect(await store.list()).toEqual([])
  })
})
