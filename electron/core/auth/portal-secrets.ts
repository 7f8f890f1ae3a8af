import { z } from 'zod'
import { log } from '../log'
import type { SecretStore } from './secret-store'

const portalSecretsSchema = z.object({
  webhookCode: z.string().optional(),
  clientSecret: z.string().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional()
})
export type PortalSecretValues = z.infer<typeof portalSecretsSchema>

const accountOf = (portalId: string) => `portal:${portalId}`

/** The secrets of each portal, kept as one keychain entry per portal. */
export class PortalSecrets {
  constructor(private readonly store: SecretStore) {}

  async read(portalId: string): Promise<PortalSecretValues | null> {
    const raw = await this.store.get(accountOf(portalId))
    if (raw === null) return null
    try {
      return portalSecretsSchema.parse(JSON.parse(raw))
    } catch {
      // An entry we cannot read is useless and would fail forever: drop it, the user signs in again.
      log.warn(`Dropping an unreadable keychain entry for portal ${portalId}`)
      await this.store.delete(accountOf(portalId))
      return null
    }
  }

  async write(portalId: string, secrets: PortalSecretValues): Promise<void> {
    await this.store.set(accountOf(portalId), JSON.stringify(portalSecretsSchema.parse(secrets)))
  }

  async remove(portalId: string): Promise<void> {
    await this.store.delete(accountOf(portalId))
  }
}
