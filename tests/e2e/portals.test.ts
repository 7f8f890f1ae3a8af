import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveBuiltRenderer, type RendererServer } from '../../electron/bridge/static-server'
import type { Emulator } from '../../electron/emulator/emulator'
import { projectRoot, requireBuilt } from '../support/built-app'
import { launchChromium } from '../support/browser'
import { makeServices, makeTempDir } from '../support/core'
import { startTestEmulator } from '../support/emulator'

/** Connecting portals through the UI and using the REST console, in Chromium, against the emulator. */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let temp: Awaited<ReturnType<typeof makeTempDir>>
let services: ReturnType<typeof makeServices>
let server: RendererServer
let browser: Browser
let page: Page
let portal: Emulator

beforeAll(async () => {
  temp = await makeTempDir()
  portal = await startTestEmulator({ leads: 25, seed: 5 })
  services = makeServices(temp.dir)
  server = await serveBuiltRenderer(requireBuilt('renderer'), services)
  browser = await launchChromium()
  await mkdir(screenshotDir, { recursive: true })
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' })
  page = await context.newPage()
  await page.goto(server.url)
  await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await services?.dispose()
  await portal?.close()
  await temp?.cleanup()
})

const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' })
const status = () => page.getByRole('status', { name: 'Status' })

describe('portals through the UI', () => {
  it('connects a portal by its webhook URL, checked against the portal', async () => {
    await page.getByRole('textbox', { name: 'Webhook URL' }).fill(portal.webhookUrl)
    await page.getByRole('button', { name: 'Connect' }).click()
    const host = new URL(portal.url).host
    await page.getByRole('button', { name: `Remove portal ${host}` }).waitFor()
    await expect(page.getByText('as Anna Smith').isVisible()).resolves.toBe(true)
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    await expect(page.getByRole('textbox', { name: 'Webhook URL' }).inputValue()).resolves.toBe('')
  })

  it('adds the demo portal beside it and switches between them at once', async () => {
    await page.getByRole('button', { name: 'Open demo portal' }).click()
    await page.getByRole('button', { name: 'Remove portal Demo portal' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => status().textContent()).toContain('Portal: Demo portal')
    const host = new URL(portal.url).host
    await page.getByRole('button', { name: `Work with portal ${host}` }).click()
    await expect.poll(() => status().textContent()).toContain(`Portal: ${host}`)
    await expect(
      page.getByRole('button', { name: `Work with portal ${host}` }).getAttribute('aria-pressed')
    ).resolves.toBe('true')
  })

  it('renames a portal and marks it as production', async () => {
    const host = new URL(portal.url).host
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
