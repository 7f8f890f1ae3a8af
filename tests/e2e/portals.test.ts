import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../electron/emulator/emulator'
import { projectRoot } from '../support/built-app'
import { launchChromium } from '../support/browser'
import { startE2eApp, type E2eApp } from '../support/e2e-app'
import { startTestEmulator } from '../support/emulator'

/**
 * Connecting portals through the UI and using the REST console, in Chromium, against the
 * emulator. Each test has its own app (no portal connected unless the test connects one); the
 * emulated portal is shared, as no test changes it.
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let browser: Browser
let portal: Emulator
let app: E2eApp
let page: Page
let host: string

beforeAll(async () => {
  portal = await startTestEmulator({ leads: 25, seed: 5 })
  host = new URL(portal.url).host
  browser = await launchChromium()
  await mkdir(screenshotDir, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await portal?.close()
})
beforeEach(async () => {
  app = await startE2eApp(browser, { viewport: { width: 1280, height: 860 } })
  page = app.page
})
afterEach(() => app?.close())

const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' })
const status = () => page.getByRole('status', { name: 'Status' })

/** Connects the emulated portal in the core, as an earlier session of the app would have. */
async function connectPortal(): Promise<void> {
  const connected = await app.services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
  if (!connected.ok) throw new Error(`The portal could not be connected: ${JSON.stringify(connected.error)}`)
}

async function openPortals(): Promise<void> {
  await page.goto(app.url)
  await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
}

describe('portals through the UI', () => {
  it('connects a portal by its webhook URL, checked against the portal', async () => {
    await openPortals()
    await page.getByRole('textbox', { name: 'Webhook URL' }).fill(portal.webhookUrl)
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByRole('button', { name: `Remove portal ${host}` }).waitFor()
    await expect(page.getByText('as Anna Smith').isVisible()).resolves.toBe(true)
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    await expect(page.getByRole('textbox', { name: 'Webhook URL' }).inputValue()).resolves.toBe('')
  })

  it('adds the demo portal beside it and switches between them at once', async () => {
    await connectPortal()
    await openPortals()
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    await page.getByRole('button', { name: 'Open demo portal' }).click()
    await page.getByRole('button', { name: 'Remove portal Demo portal' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => status().textContent()).toContain('Portal: Demo portal')
    await page.getByRole('button', { name: `Work with it: portal ${host}` }).click()
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    // The button's name follows what it shows (In use), and it is pressed.
    await expect(
      page.getByRole('button', { name: `In use: portal ${host}` }).getAttribute('aria-pressed')
    ).resolves.toBe('true')
  })

  it('renames a portal and marks it as production', async () => {
    await connectPortal()
    // A second portal, so the screenshot shows a list of several.
    const demo = await app.services.dispatch('portals.openDemo', undefined)
    if (!demo.ok) throw new Error(`The demo portal did not open: ${JSON.stringify(demo.error)}`)
    await openPortals()
    // Whichever portal is in use, this one is then (its button is named for what it shows).
    const useButton = page.getByRole('button', { name: new RegExp(`^(Work with it|In use): portal ${host}$`) })
    await useButton.click()
    await expect.poll(() => useButton.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    await expect(status().textContent()).resolves.not.toContain('PROD')
    await page.getByRole('button', { name: `Rename portal ${host}` }).click()
    const name = page.getByRole('textbox', { name: 'New name of the portal' })
    await name.fill('Acme Production')
    await name.press('Enter')
    await page.getByRole('button', { name: 'Remove portal Acme Production' }).waitFor()
    await page.getByRole('switch', { name: 'Portal Acme Production is a production portal' }).click()
    await expect.poll(() => status().textContent()).toContain('PROD')
    await shot('portals-several')
  })

  it('calls a REST method from the console and shows the raw answer with timings', async () => {
    await connectPortal()
    await openPortals()
    await page.getByRole('tab', { name: 'REST console' }).click()
    await page.getByRole('textbox', { name: 'Method' }).fill('crm.lead.list')
    const params = page.getByRole('textbox', { name: 'Parameters (JSON)' })
    await params.fill('{ "select": ["ID", "TITLE"], "filter": { "<=ID": 2 } }')
    await page.getByRole('button', { name: 'Send' }).click()
    const answer = page.getByRole('region', { name: 'Answer' })
    await answer.waitFor()
    await expect(answer.textContent()).resolves.toContain('HTTP 200')
    await expect(answer.textContent()).resolves.toContain('total 2')
    await expect(answer.textContent()).resolves.toMatch(/operating \d/)
    await expect(answer.textContent()).resolves.toContain('"ID": "2"')
    await shot('rest-console')

    await params.fill('{ "select": [ID] }')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The parameters are not valid JSON')
    await expect(params.inputValue()).resolves.toBe('{ "select": [ID] }')

    await page.getByRole('textbox', { name: 'Method' }).fill('crm.lead.get')
    await params.fill('{ "id": 0 }')
    await params.press('Control+Enter')
    await expect.poll(() => answer.textContent()).toContain('ID is not defined or invalid.')
    await expect(answer.textContent()).resolves.toContain('HTTP 400')
  })
})
