import { join } from 'node:path'
import type { PortalSummary } from '../../contract'
import type { Emulator } from '../../emulator/emulator'
import type { PortalSecrets } from '../auth/portal-secrets'
import type { PortalRegistry } from './portal-registry'

export const DEMO_PORTAL_ID = 'demo'
/** Enough leads to feel real on first start; later starts load the saved portal. */
const DEMO_LEADS = 5000

/**
 * The Demo portal: the Bitrix24 emulator started inside the app on a free loopback port, with
 * generated data kept in the app's data folder, connected like any portal (by its webhook).
 */
export class DemoPortal {
  private running: Promise<Emulator> | undefined

  constructor(
    private readonly dataDir: string,
    private readonly portals: PortalRegistry,
    private readonly secrets: PortalSecrets
  ) {}

  /** Starts the emulator once (standard limits, real speed) and returns it. */
  start(): Promise<Emulator> {
    this.running ??= import('../../emulator/emulator').then(({ startEmulator }) =>
      startEmulator({
        leads: DEMO_LEADS,
        seed: 2024,
        limits: 'standard',
        speed: 1,
        dataFile: join(this.dataDir, 'demo-portal.json')
      })
    )
    this.running.catch(() => (this.running = undefined))
    return this.running
  }

  /** Starts the demo portal if needed and connects it; returns what the renderer may see. */
  async open(): Promise<PortalSummary> {
    const emulator = await this.start()
    const hook = emulator.credentials.webhooks.find((webhook) => webhook.userId === 1)!
    const existing = await this.portals.get(DEMO_PORTAL_ID)
    const summary: PortalSummary = existing ?? {
      id: DEMO_PORTAL_ID,
      name: 'Demo portal',
      domain: 'demo.bitrix24.local',
      authKind: 'demo',
      color: '#2080f0',
      isProduction: false,
      addedAt: new Date().toISOString()
    }
    await this.secrets.write(DEMO_PORTAL_ID, { webhookCode: hook.code })
    await this.portals.save(summary)
    return summary
  }

  /** The running demo portal's base URL, if it runs. */
  async url(): Promise<string | undefined> {
    return this.running ? (await this.running).url : undefined
  }

  async stop(): Promise<void> {
    const running = this.running
    this.running = undefined
    if (running) await (await running).close()
  }
}
