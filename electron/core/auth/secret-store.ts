import type { SecretStoreStatus } from '../../contract'

/**
 * Where secrets live: access and refresh tokens, client secrets, webhook codes. One value per
 * portal account (the portal's key). The real app uses the OS keychain; tests use memory.
 * Nothing else in the app may write a secret anywhere.
 */
export interface SecretStore {
  /** Whether secrets can be kept, and by what. Never throws. */
  status(): Promise<SecretStoreStatus>
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
  /** Returns whether something was deleted. */
  delete(account: string): Promise<boolean>
  /** The accounts that have a value. */
  list(): Promise<string[]>
}

/** Runs operations on one key one after another, so a read never sees half of two writes. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const tail = next.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return next
  }
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>()

  async status(): Promise<SecretStoreStatus> {
    return { available: true, backend: 'memory' }
  }
  async get(account: string): Promise<string | null> {
    return this.values.get(account) ?? null
  }
  async set(account: string, value: string): Promise<void> {
    this.values.set(account, value)
  }
  async delete(account: string): Promise<boolean> {
    return this.values.delete(account)
  }
  async list(): Promise<string[]> {
    return [...this.values.keys()]
  }
}
