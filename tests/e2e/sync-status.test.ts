import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../electron/emulator/emulator'
import { launchChromium } from '../support/browser'
import { startE2eApp, type E2eApp } from '../support/e2e-app'
import { admin, result, startTestEmulator } from '../support/emulator'

/**
 * The app as a user meets it: connecting a portal puts its leads on screen without pressing
 * anything, and the status bar says within seconds when the portal cannot be reached, and again
 * when it answers. The core starts syncs on connect here, as the app does.
 */
const LEADS = 6_000
let browser: Browser
let portal: Emulator
let app: E2eApp
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())
beforeEach(async () => {
  portal = await startTestEmulator({ leads: LEADS, seed: 31 })
  app = await startE2eApp(browser, { sync: { syncOnConnect: true, offlineRetryMs: [1_500] } })
  page = app.page
})
afterEach(async () => {
  await app?.close()
  await portal?.close()
})

const grid = () => page.getByRole('grid', { name: 'Leads' })
const connection = () => page.getByRole('status', { name: 'Portal connection' })
/** The first row's cells: 0 is the sync state, then the columns in order (1 ID, 2 Lead Title, …). */
const firstRowCell = (index: number) => grid().getByRole('row').nth(1).getByRole('gridcell').nth(index)

/** Connects the emulated portal through the Portals screen, as a user does, then opens the leads. */
async function connectAndOpenLeads(): Promise<void> {
  await page.goto(app.url)
  await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
  await page.getByRole('textbox', { name: 'Webhook URL' }).fill(portal.webhookUrl)
  await page.getByRole('button', { name: 'Connect' }).click()
  await page.getByRole('button', { name: `Remove portal ${new URL(portal.url).host}` }).waitFor()
  await page.getByRole('link', { name: 'Leads' }).click()
  await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor()
}

describe('sync status and first rows in Chromium', () => {
  it("shows the portal's leads after connecting, without pressing anything", async () => {
    await connectAndOpenLeads()
    // The first row on screen is a lead of the portal, as the portal has it.
    await grid().getByRole('row').nth(2).waitFor({ timeout: 20_000 })
    await expect
      .poll(async () => Number(await grid().getAttribute('aria-rowcount')), { timeout: 20_000 })
      .toBeGreaterThan(1)
    const stats = (await admin(portal, 'stats')) as { requestsByMethod: Record<string, number> }
    expect(stats.requestsByMethod.batch).toBeGreaterThan(0)
    const id = Number(await firstRowCell(1).textContent())
    const lead = await result<{ TITLE: string }>(portal, 'crm.lead.get', { id })
    await expect.poll(() => firstRowCell(2).textContent()).toBe(lead.TITLE)
    // Once all is in, the grid counts every lead of the portal, and the text about pressing "Sync now" is gone.
    await expect
      .poll(async () => Number(await grid().getAttribute('aria-rowcount')), { timeout: 60_000 })
      .toBe(LEADS + 1)
    await expect(page.getByText('Sync now”').count()).resolves.toBe(0)
  })

  it('says within seconds that the portal cannot be reached, and that it is back once it answers', async () => {
    await connectAndOpenLeads()
    await expect.poll(() => connection().textContent(), { timeout: 20_000 }).toContain('Online')
    await expect.poll(syncState, { timeout: 60_000 }).toBe('idle')

    portal.rest.faults.add({ kind: 'drop', method: '*', count: 1_000_000 })
    const pressed = Date.now()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => connection().textContent(), { timeout: 5_000 }).toContain('Portal unreachable')
    expect(Date.now() - pressed).toBeLessThan(5_000)
    // The portal really refuses: what the app sent was dropped.
    expect(((await admin(portal, 'stats')) as { faultsInjected: number }).faultsInjected).toBeGreaterThan(0)

    portal.rest.faults.clear()
    await expect.poll(() => connection().textContent(), { timeout: 15_000 }).toContain('Online')
  })
})

/** Where the connected portal's sync stands, as the core has it. */
async function syncState(): Promise<string> {
  const [connected] = await app.services.portals.list()
  return connected ? (await app.services.workspaces.open(connected.id)).engine.status().state : 'not connected'
}
