import { describe, expect, it, vi } from 'vitest'
import { KeytarSecretStore, type KeytarApi } from '../../../electron/core/auth/keytar-secret-store'
import { PortalSecrets } from '../../../electron/core/auth/portal-secrets'
import { KeyedQueue, MemorySecretStore } from '../../../electron/core/auth/secret-store'

/** A keytar stand-in backed by a map, recording the service names it was called with. */
function fakeKeytar(): KeytarApi & { services: Set<string>; entries: Map<string, string> } {
  const entries = new Map<string, string>()
  const services = new Set<string>()
  return {
    entries,
    services,
    async getPassword(service, account) {
      services.add(service)
      return entries.get(account) ?? null
    },
    async setPassword(service, account, password) {
      services.add(service)
      entries.set(account, password)
    },
    async deletePassword(service, account) {
      services.add(service)
      return entries.delete(account)
    },
    async findCredentials(service) {
      services.add(service)
      return [...entries].map(([account, password]) => ({ account, password }))
    }
  }
}

describe('MemorySecretStore', () => {
  it('keeps, lists and deletes values per account', async () => {
    const store = new MemorySecretStore()
    await store.set('portal:a', 'one')
    await store.set('portal:b', 'two')
    expect(await store.get('portal:a')).toBe('one')
    expect((await store.list()).sort()).toEqual(['portal:a', 'portal:b'])
    expect(await store.delete('portal:a')).toBe(true)
    expect(await store.delete('portal:a')).toBe(false)
    expect(await store.get('portal:a')).toBeNull()
    expect(await store.status()).toEqual({ available: true, backend: 'memory' })
  })
})

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, even when an earlier one fails', async () => {
    const queue = new KeyedQueue()
    const order: string[] = []
    const slow = queue.run('k', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      order.push('first')
      throw new Error('boom')
    })
    const fast = queue.run('k', async () => {
      order.push('second')
      return 2
    })
    await expect(slow).rejects.toThrow('boom')
    await expect(fast).resolves.toBe(2)
    expect(order).toEqual(['first', 'second'])
  })

  it('does not make different keys wait for each other', async () => {
    const queue = new KeyedQueue()
    const order: string[] = []
    const slow = queue.run('a', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      order.push('a')
    })
    await queue.run('b', async () => order.push('b'))
    await slow
    expect(order).toEqual(['b', 'a'])
  })
})

describe('KeytarSecretStore', () => {
  it('stores under the app service name with one entry per account', async () => {
    const keytar = fakeKeytar()
    const store = new KeytarSecretStore(() => keytar)
    expect(await store.status()).toEqual({ available: true, backend: 'keychain' })
    await store.set('portal:p1', 'secret')
    expect(await store.get('portal:p1')).toBe('secret')
    expect(await store.list()).toEqual(['portal:p1'])
    expect(await store.delete('portal:p1')).toBe(true)
    expect([...keytar.services]).toEqual(['Lead Admin'])
  })

  it('reports a keychain that does not answer, and refuses to keep secrets anywhere else', async () => {
    const keytar = fakeKeytar()
    keytar.findCredentials = vi.fn().mockRejectedValue(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
    const setPassword = vi.spyOn(keytar, 'setPassword')
    const store = new KeytarSecretStore(() => keytar)
    const status = await store.status()
    expect(status.available).toBe(false)
    expect(status.backend).toBe('none')
    expect(status.reason).toContain('Cannot autolaunch D-Bus')
    expect(status.reason).toContain('gnome-keyring')
    await expect(store.set('portal:p1', 'secret')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' })
    await expect(store.get('portal:p1')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' })
    expect(setPassword).not.toHaveBeenCalled()
  })

  it('reports a keychain module that cannot be loaded', async () => {
    const store = new KeytarSecretStore(() => {
      throw new Error('keytar.node: invalid ELF header')
    })
    expect(await store.status()).toMatchObject({
      available: false,
      reason: expect.stringContaining('invalid ELF header')
    })
  })
})

describe('PortalSecrets', () => {
  it('round-trips the secrets of a portal as one entry', async () => {
    const store = new MemorySecretStore()
    const secrets = new PortalSecrets(store)
    await secrets.write('p1', { accessToken: 'a', refreshToken: 'r' })
    expect(await secrets.read('p1')).toEqual({ accessToken: 'a', refreshToken: 'r' })
    expect(await store.list()).toEqual(['portal:p1'])
    await secrets.remove('p1')
    expect(await secrets.read('p1')).toBeNull()
  })

  it('drops an entry it cannot read instead of failing on it forever', async () => {
    const store = new MemorySecretStore()
    await store.set('portal:p1', '{not json')
    await store.set('portal:p2', JSON.stringify({ accessToken: 42 }))
    const secrets = new PortalSecrets(store)
    expect(await secrets.read('p1')).toBeNull()
    expect(await secrets.read('p2')).toBeNull()
    expect(await store.list()).toEqual([])
  })
})
