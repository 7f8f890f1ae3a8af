import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveBuiltRenderer, type RendererServer } from '../../electron/bridge/static-server'
import type { Emulator } from '../../electron/emulator/emulator'
import { projectRoot, requireBuilt } from '../support/built-app'
import { launchChromium } from '../support/browser'
import { makeServices, makeTempDir } from '../support/core'
import { result, startTestEmulator } from '../support/emulator'

/** The lead grid in Chromium: download, search, stage filter, sort, inline edit pushed to the portal. */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let temp: Awaited<ReturnType<typeof makeTempDir>>
let services: ReturnType<typeof makeServices>
let server: RendererServer
let browser: Browser
let page: Page
let portal: Emulator

beforeAll(async () => {
  temp = await makeTempDir()
  portal = await startTestEmulator({ leads: 400, seed: 12 })
  services = makeServices(temp.dir)
  const connected = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl, name: 'Acme' })
  expect(connected.ok).toBe(true)
  server = await serveBuiltRenderer(requireBuilt('renderer'), services)
  browser = await launchChromium()
  await mkdir(screenshotDir, { recursive: true })
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' })).newPage()
  await page.goto(`${server.url}#/leads`)
  await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await services?.dispose()
  await portal?.close()
  await temp?.cleanup()
})

const grid = () => page.getByRole('grid', { name: 'Leads' })
const status = () => page.getByRole('status', { name: 'Sync status' })

describe('the lead grid', () => {
  it("downloads the portal's leads and shows them", async () => {
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toContain('Synced')
    await grid().getByRole('row').nth(2).waitFor()
    expect(await grid().getAttribute('aria-rowcount')).toBe('401')
    await page.screenshot({ path: join(screenshotDir, 'leads-grid.png'), animations: 'disabled' })
  })

  it('searches by name and filters by stage', async () => {
    const lead = await result<{ NAME: string; LAST_NAME: string }>(portal, 'crm.lead.get', { id: 5 })
    await page.getByRole('searchbox', { name: 'Search leads' }).fill(lead.LAST_NAME)
    await expect.poll(async () => Number(await grid().getAttribute('aria-rowcount'))).toBeLessThan(401)
    await expect(grid().textContent()).resolves.toContain(lead.LAST_NAME)
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('')
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe('401')

    const stages = page.getByRole('group', { name: 'Stages' })
    await stages.getByRole('button', { name: /Junk lead/ }).click()
    const junk = Number((await stages.getByRole('button', { name: /Junk lead/ }).textContent())!.match(/\((\d+)\)/)![1])
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe(String(junk + 1))
    await stages.getByRole('button', { name: 'All stages' }).click()
  })

  it('edits a cell from the keyboard; the change reaches the portal', async () => {
    await page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click()
    await expect.poll(() => page.getByRole('columnheader', { name: 'ID' }).getAttribute('aria-sort')).toBe('ascending')
    const rows = page.getByLabel('Lead rows')
    await rows.focus()
    await page.keyboard.press('ArrowRight') // ID → Lead Title
    await page.keyboard.press('Enter')
    const box = page.getByRole('textbox', { name: 'New value of Lead Title' })
    await box.fill('Edited in the grid')
    await box.press('Enter')
    // The edit is saved locally first (the row shows it at once), then pushed.
    await expect.poll(() => grid().textContent()).toContain('Edited in the grid')
    await expect
      .poll(async () => (await result<{ TITLE: string }>(portal, 'crm.lead.get', { id: 1 })).TITLE, { timeout: 20_000 })
      .toBe('Edited in the grid')
  })

  it('undoes the focused lead’s last change with Ctrl+Z — on the portal too, once sent', async () => {
    const rows = page.getByLabel('Lead rows')
    await rows.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('Control+z')
    await expect
      .poll(() => page.getByRole('status', { name: 'Last undo' }).textContent())
      .toContain('Undone: the last change of “Edited in the grid”')
    await expect.poll(() => grid().textContent()).not.toContain('Edited in the grid')
    // The compensating update is pushed like any edit.
    await expect
      .poll(async () => (await result<{ TITLE: string }>(portal, 'crm.lead.get', { id: 1 })).TITLE, { timeout: 20_000 })
      .not.toBe('Edited in the grid')
  })

  it('refuses a bad value with a clear message and keeps what was typed', async () => {
    // Double-click opens the editor too (row 1's Amount cell: the 8th cell, after the sync state).
    await grid().getByRole('row').nth(1).getByRole('gridcell').nth(7).dblclick()
    const box = page.getByRole('textbox', { name: 'New value of Amount' })
    await box.fill('a lot')
    await box.press('Enter')
    await expect(grid().getByRole('alert').textContent()).resolves.toContain('This value cannot be saved')
    await expect(box.inputValue()).resolves.toBe('a lot')
    await page.screenshot({ path: join(screenshotDir, 'leads-invalid-value.png'), animations: 'disabled' })
    await box.press('Escape')
  })
})

describe('the job log', () => {
  it('lists the download passes of the sync and the push of the edit, in words', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Jobs' }).click()
    await page.getByRole('heading', { name: 'Jobs', level: 2 }).waitFor()
    const log = page.getByRole('region', { name: 'Job log' })
    const rowTexts = () => log.getByRole('row').allTextContents()
    await expect
      .poll(rowTexts)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Sending changes\s*Done.*1 sent · \d+ requests?$/),
          expect.stringMatching(/^First download — all fields\s*Done.*400 leads · \d+ requests?$/),
          expect.stringMatching(/^First download — grid columns\s*Done.*400 leads · \d+ requests?$/)
        ])
      )
    await page.screenshot({ path: join(screenshotDir, 'jobs-log.png'), animations: 'disabled' })
  })
})
