import type { Browser, Page } from 'playwright-core'
import type { PortalSummary } from '../../electron/contract'
import type { Emulator, EmulatorOptions } from '../../electron/emulator/emulator'
import { launchChromium } from './browser'
import { startE2eApp, type E2eApp, type E2eAppOptions } from './e2e-app'
import { startTestEmulator } from './emulator'

/** Chromium, an emulated portal and the app connected to it by webhook, its leads downloaded. */
export interface ConnectedApp {
  browser: Browser
  portal: Emulator
  app: E2eApp
  page: Page
  portalId: string
  close(): Promise<void>
}

export interface ConnectedAppOptions {
  emulator: EmulatorOptions
  app?: E2eAppOptions
  /** Prepares the portal before the app first reads it (product rows, say). */
  preparePortal?: (portal: Emulator) => Promise<void>
}

/** For a test file that drives one app over one portal from start to end. */
export async function startConnectedApp(options: ConnectedAppOptions): Promise<ConnectedApp> {
  const browser = await launchChromium()
  const portal = await startTestEmulator(options.emulator)
  await options.preparePortal?.(portal)
  const app = await startE2eApp(browser, options.app)
  const connected = await app.services.dispatch('portals.connectWebhook', { url: portal.webhookUrl, name: 'Acme' })
  if (!connected.ok) throw new Error(`The portal could not be connected: ${JSON.stringify(connected.error)}`)
  const portalId = (connected.value as PortalSummary).id
  await (await app.services.workspaces.open(portalId)).syncNow()
  return {
    browser,
    portal,
    app,
    page: app.page,
    portalId,
    close: async () => {
      await app.close()
      await portal.close()
      await browser.close()
    }
  }
}
