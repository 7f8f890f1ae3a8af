import { join } from 'node:path'
import type { Emulator } from '../../emulator/emulator'
import type { AuthProvider, PortalCredentials } from '../portal/portal-client'

export const DEMO_PORTAL_ID = 'demo'
/** Enough leads to feel real on first start; later starts load the saved portal. */
const DEMO_LEADS = 5000
const DEMO_SEED = 2024

/**
 * The Demo portal: the Bitrix24 emulator started inside the app on a free loopback port, with
 * generated data kept in the app's data folder. It is reached like any portal, by its webhook.
 */
export class DemoPortal {
  private running: Promise<Emulator> | undefined

  constructor(private readonly dataDir: string) {}

  /** Starts the emulator once (standard limits, real speed) and returns it. */
  start(): Promise<Emulator> {
    this.running ??= import('../../emulator/emulator').then(({ startEmulator }) =>
      startEmulator({
        leads: DEMO_LEADS,
        seed: DEMO_SEED,
        limits: 'standard',
        speed: 1,
        dataFile: join(this.dataDir, 'demo-portal.json'),
        // Its webhook codes come from the seed; the app keeps its copy in the keychain only.
        persistCredentials: false
      })
    )
    this.running.catch(() => (this.running = undefined))
    return this.running
  }

  async stop(): Promise<void> {
    const running = this.running
    this.running = undefined
    if (running) await (await running).close()
  }

  /** Credentials for the demo portal's admin webhook; starts the portal on first use. */
  auth(): AuthProvider {
    return {
      credentials: async (): Promise<PortalCredentials> => {
        const emulator = await this.start()
        return { baseUrl: emulator.webhookUrl }
      }
      // The demo portal never moves: a redirect from it is refused like any other and not kept.
    }
  }

  /** The admin webhook's secret code, to keep in the keychain like any webhook code. */
  async webhookCode(): Promise<string> {
    const emulator = await this.start()
    return emulator.credentials.webhooks.find((webhook) => webhook.userId === 1)!.code
  }
}
