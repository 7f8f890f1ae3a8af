import { createRequire } from 'node:module'
import type { SecretStoreStatus } from '../../contract'
import { AppError } from '../errors'
import { KeyedQueue, type SecretStore } from './secret-store'

/** The part of keytar we use. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export const KEYCHAIN_SERVICE = 'Lead Admin'

/** keytar is a native module: load it only when asked, so a missing build is a clear status. */
export function loadKeytar(): KeytarApi {
  const require = createRequire(import.meta.url)
  return require('keytar') as KeytarApi
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.slice(0, 300)
}

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux). When the keychain cannot be reached every call fails with SECRET_STORE_UNAVAILABLE:
 * there is deliberately no fallback to a plaintext file.
 */
export class KeytarSecretStore implements SecretStore {
  private readonly queue = new KeyedQueue()
  private keytar: KeytarApi | undefined
  private probe: Promise<SecretStoreStatus> | undefined

  constructor(
    private readonly load: () => KeytarApi = loadKeytar,
    private readonly service: string = KEYCHAIN_SERVICE
  ) {}

  /** Checks once that the keychain answers (a read of this service's entries). */
  status(): Promise<SecretStoreStatus> {
    this.probe ??= this.checkBackend()
    return this.probe
  }

  private async checkBackend(): Promise<SecretStoreStatus> {
    try {
      this.keytar = this.load()
    } catch (error) {
      return {
        available: false,
        backend: 'none',
        reason: `The keychain module could not be loaded: ${describe(error)}`
      }
    }
    try {
      await this.keytar.findCredentials(this.service)
      return { available: true, backend: 'keychain' }
    } catch (error) {
      return {
        available: false,
        backend: 'none',
        reason:
          `The system keychain is not reachable (${describe(error)}). ` +
          'On Linux install and start a Secret Service such as gnome-keyring.'
      }
    }
  }

  private async ready(): Promise<KeytarApi> {
    const status = await this.status()
    if (!status.available || !this.keytar) {
      throw new AppError('SECRET_STORE_UNAVAILABLE', status.reason ?? 'The system keychain is not available.')
    }
    return this.keytar
  }

  async get(account: string): Promise<string | null> {
    const keytar = await this.ready()
    return this.queue.run(account, () => keytar.getPassword(this.service, account))
  }

  async set(account: string, value: string): Promise<void> {
    const keytar = await this.ready()
    await this.queue.run(account, () => keytar.setPassword(this.service, account, value))
  }

  async delete(account: string): Promise<boolean> {
    const keytar = await this.ready()
    return this.queue.run(account, () => keytar.deletePassword(this.service, account))
  }

  async list(): Promise<string[]> {
    const keytar = await this.ready()
    const credentials = await keytar.findCredentials(this.service)
    return credentials.map((credential) => credential.account)
  }
}
