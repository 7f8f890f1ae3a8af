import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../electron/contract'
import type { Emulator } from '../../electron/emulator/emulator'
import { projectRoot } from '../support/built-app'
import { axeViolations } from '../support/axe-check'
import { launchChromium } from '../support/browser'
import { startE2eApp, type E2eApp } from '../support/e2e-app'
import { result, startTestEmulator } from '../support/emulator'

/**
 * The lead grid in Chromium: download, search, stage filter, sort, inline edit pushed to the
 * portal, undo. Each test has its own portal and app, connected to it but not yet synced.
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let browser: Browser
let portal: Emulator
let app: E2eApp
let portalId: string
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  await mkdir(screenshotDir, { recursive: true })
})
afterAll(() => browser?.close())

beforeEach(async () => {
  portal = await startTestEmulator({ leads: 400, seed: 12 })
  app = await startE2eApp(browser, { viewport: { width: 1280, height: 860 } })
  page = app.page
  const connected = await app.services.dispatch('portals.connectWebhook', { url: portal.webhookUrl, name: 'Acme' })
  if (!connected.ok) throw new Error(`The portal could not be connected: ${JSON.stringify(connected.error)}`)
  portalId = (connected.value as PortalSummary).id
})
afterEach(async () => {
  await app?.close()
  await portal?.close()
})

const grid = () => page.getByRole('grid', { name: 'Leads' })
const status = () => page.getByRole('status', { name: 'Sync status' })
const portalTitle = async (id: number) => (await result<{ TITLE: string }>(portal, 'crm.lead.get', { id })).TITLE

/** Downloads the portal's leads in the core (not through the page), as a finished sync leaves them. */
const download = async () => (await app.services.workspaces.open(portalId)).syncNow()

async function openScreen(route: 'leads' | 'jobs', heading: string): Promise<void> {
  await page.goto(`${app.url}#/${route}`)
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor()
}

/** The lead grid of downloaded leads, its first rows on show. */
async function openDownloadedGrid(): Promise<void> {
  await download()
  await openScreen('leads', 'Leads')
  await grid().getByRole('row').nth(2).waitFor()
}

/** Waits until every queued change has gone to the portal and no run is under way. */
async function syncSettled(): Promise<void> {
  await expect
    .poll(
      async () => ({
        state: (await app.services.workspaces.open(portalId)).engine.status().state,
        queued: (await app.services.leads.outbox(portalId)).length
      }),
      { timeout: 20_000 }
    )
    .toEqual({ state: 'idle', queued: 0 })
}

/** Sorts by ID, so lead 1 is the first row (the default sort, by date modified, moves an edited lead). */
async function sortByIdAscending(): Promise<void> {
  await page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click()
  await expect.poll(() => page.getByRole('columnheader', { name: 'ID' }).getAttribute('aria-sort')).toBe('ascending')
}

/** The first row's cells: 0 is the sync state, then the columns in order (1 ID, 2 Lead Title, …). */
const firstRowCell = (index: number) => grid().getByRole('row').nth(1).getByRole('gridcell').nth(index)

/** Types a new title into the first row's Lead Title from the keyboard and saves it. */
async function typeFirstTitle(title: string): Promise<void> {
  await grid().focus()
  await page.keyboard.press('Home') // the sync state
  await page.keyboard.press('ArrowRight') // ID
  await page.keyboard.press('ArrowRight') // Lead Title
  await page.keyboard.press('Enter')
  const box = page.getByRole('textbox', { name: 'New value of Lead Title' })
  await box.fill(title)
  await box.press('Enter')
}

describe('the lead grid', () => {
  it("downloads the portal's leads and shows them", async () => {
    await openScreen('leads', 'Leads')
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toContain('Synced')
    await grid().getByRole('row').nth(2).waitFor()
    expect(await grid().getAttribute('aria-rowcount')).toBe('401')
    await page.screenshot({ path: join(screenshotDir, 'leads-grid.png'), animations: 'disabled' })
  })

  it('searches by name and filters by stage', async () => {
    await openDownloadedGrid()
    expect(await grid().getAttribute('aria-rowcount')).toBe('401')
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
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe('401')
  })

  it('counts the stages of what the search finds, and says when it finds nothing', async () => {
    await openDownloadedGrid()
    const stages = page.getByRole('group', { name: 'Stages' })
    /** The counts of the stage chips, added up ("All stages" has none). */
    const chipsTotal = async () =>
      (await stages.getByRole('button').allTextContents())
        .map((text) => text.match(/\(([\d,]+)\)$/)?.[1])
        .reduce((sum, count) => sum + (count ? Number(count.replace(/,/g, '')) : 0), 0)
    const rowCount = async () => Number(await grid().getAttribute('aria-rowcount')) - 1
    await expect.poll(chipsTotal).toBe(400)

    const lead = await result<{ LAST_NAME: string }>(portal, 'crm.lead.get', { id: 5 })
    const search = page.getByRole('searchbox', { name: 'Search leads' })
    await search.fill(lead.LAST_NAME)
    await expect.poll(rowCount).toBeLessThan(400)
    const found = await rowCount()
    expect(found).toBeGreaterThan(0)
    await expect.poll(chipsTotal).toBe(found)

    await search.fill('no such lead anywhere')
    await page.getByRole('status').filter({ hasText: 'Nothing found for “no such lead anywhere”.' }).waitFor()
    await expect.poll(chipsTotal).toBe(0)
    await page.getByRole('button', { name: 'Clear the search' }).click()
    await expect(search.inputValue()).resolves.toBe('')
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe('401')
    await expect.poll(chipsTotal).toBe(400)
  })

  it('edits a cell from the keyboard; the change reaches the portal', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    await expect(firstRowCell(1).textContent()).resolves.toBe('1')
    await typeFirstTitle('Edited in the grid')
    // The edit is saved locally first (the row shows it at once), then pushed.
    await expect.poll(() => firstRowCell(2).textContent()).toBe('Edited in the grid')
    await expect.poll(() => portalTitle(1), { timeout: 20_000 }).toBe('Edited in the grid')
  })

  it('undoes the focused lead’s last change with Ctrl+Z — on the portal too, once sent', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    await expect(firstRowCell(1).textContent()).resolves.toBe('1')
    const original = await portalTitle(1)
    expect(original).not.toBe('Edited in the grid')
    await expect(firstRowCell(2).textContent()).resolves.toBe(original)

    await typeFirstTitle('Edited in the grid')
    await expect.poll(() => portalTitle(1), { timeout: 20_000 }).toBe('Edited in the grid')
    await syncSettled()

    await grid().focus()
    await page.keyboard.press('Control+z')
    await expect
      .poll(() => page.getByRole('status', { name: 'Last undo' }).textContent())
      .toContain('Undone: the last change of “Edited in the grid”')
    await expect.poll(() => firstRowCell(2).textContent()).toBe(original)
    // The compensating update is pushed like any edit.
    await syncSettled()
    expect(await portalTitle(1)).toBe(original)
    await expect(firstRowCell(2).textContent()).resolves.toBe(original)
  })

  it('refuses a bad value with a clear message and keeps what was typed', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    // Double-click opens the editor too (the First name cell: the 4th, after the sync state).
    await firstRowCell(3).dblclick()
    const box = page.getByRole('textbox', { name: 'New value of First name' })
    const tooLong = 'A first name far longer than the fifty characters the portal keeps'
    await box.fill(tooLong)
    await box.press('Enter')
    await expect(grid().getByRole('alert').textContent()).resolves.toContain('This value cannot be saved')
    await expect(box.inputValue()).resolves.toBe(tooLong)
    await page.screenshot({ path: join(screenshotDir, 'leads-invalid-value.png'), animations: 'disabled' })
    await box.press('Escape')
    expect(await app.services.leads.outbox(portalId)).toEqual([])
  })
})

describe('lead fields in the grid, by type', () => {
  /** The cell the grid names as active (aria-activedescendant). */
  const activeCell = async () => page.locator(`[id="${await grid().getAttribute('aria-activedescendant')}"]`)
  const portalLead = (id: number) =>
    result<{ STATUS_ID: string; ASSIGNED_BY_ID: string }>(portal, 'crm.lead.get', { id })

  it('chooses a stage by its label from the keyboard; the portal gets its code', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    const before = await portalLead(1)
    const [label, code] = before.STATUS_ID === 'CONVERTED' ? ['Processed', 'PROCESSED'] : ['Good lead', 'CONVERTED']

    await grid().focus()
    await page.keyboard.press('Home')
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight') // sync → ... → Stage
    const cell = await activeCell()
    await expect(cell.getAttribute('aria-colindex')).resolves.toBe('6')
    await expect(cell.textContent()).resolves.toBe(await firstRowCell(5).textContent())
    await page.keyboard.press('ArrowDown')
    await expect(
      (await activeCell()).evaluate((element) => element.parentElement!.getAttribute('aria-rowindex'))
    ).resolves.toBe('3')
    await page.keyboard.press('ArrowUp')

    // Enter edits, Escape cancels: nothing is queued.
    await page.keyboard.press('Enter')
    const box = page.getByRole('combobox', { name: 'New value of Stage' })
    await expect(box.inputValue()).resolves.not.toBe('')
    await page.keyboard.press('Escape')
    await expect(box.count()).resolves.toBe(0)
    expect(await app.services.leads.outbox(portalId)).toEqual([])

    await page.keyboard.press('Enter')
    await box.fill(label.slice(0, 5))
    await page.getByRole('option', { name: label, exact: true }).waitFor()
    await box.press('Enter')
    await expect.poll(() => firstRowCell(5).textContent()).toBe(label)
    await expect.poll(async () => (await portalLead(1)).STATUS_ID, { timeout: 20_000 }).toBe(code)
  })

  it('has no serious accessibility problems, with a choice open in a cell', async () => {
    await openDownloadedGrid()
    expect(await axeViolations(page, '[role="grid"]')).toEqual([])
    await firstRowCell(8).dblclick()
    await page.getByRole('combobox', { name: 'New value of Responsible person' }).press('ArrowDown')
    await page.getByRole('option').first().waitFor()
    expect(await axeViolations(page, '[role="grid"]')).toEqual([])
    await page.screenshot({ path: join(screenshotDir, 'leads-choose-user.png'), animations: 'disabled' })
  })

  it('picks the responsible person by name; the portal gets the user’s ID', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    const before = await portalLead(1)
    const [name, id] = before.ASSIGNED_BY_ID === '3' ? ['John Brown', '2'] : ['Olivia Jones', '3']

    // The Responsible person cell: the 9th, after the sync state.
    await firstRowCell(8).dblclick()
    const box = page.getByRole('combobox', { name: 'New value of Responsible person' })
    await box.fill(name.split(' ')[0]!)
    await page.getByRole('option', { name }).click()
    await expect.poll(() => firstRowCell(8).textContent()).toBe(name)
    await expect.poll(async () => (await portalLead(1)).ASSIGNED_BY_ID, { timeout: 20_000 }).toBe(id)
  })

  it('refuses a responsible person who is not a user of the portal, and queues nothing', async () => {
    await openDownloadedGrid()
    await sortByIdAscending()
    await firstRowCell(8).dblclick()
    const box = page.getByRole('combobox', { name: 'New value of Responsible person' })
    await box.fill('Nobody Here')
    await box.press('Enter')
    await expect(grid().getByRole('alert').textContent()).resolves.toBe(
      '“Nobody Here” is not one of the choices: pick one from the list'
    )
    await expect(box.inputValue()).resolves.toBe('Nobody Here')
    // The core refuses such a value too, whoever sends it.
    await expect(app.services.leads.edit(portalId, 1, { ASSIGNED_BY_ID: 999 })).rejects.toThrow(
      '"999" is not a user of this portal'
    )
    await box.press('Escape')
    await box.press('Escape')
    expect(await app.services.leads.outbox(portalId)).toEqual([])
  })
})

describe('the job log', () => {
  it('lists the download passes of the sync and the push of the edit, in words', async () => {
    await download()
    await app.services.leads.edit(portalId, 1, { TITLE: 'Edited for the job log' })
    await expect.poll(() => portalTitle(1), { timeout: 20_000 }).toBe('Edited for the job log')
    await syncSettled()
    await openScreen('jobs', 'Jobs')
    const log = page.getByRole('region', { name: 'Job log' })
    const rowTexts = () => log.getByRole('row').allTextContents()
    await expect
      .poll(rowTexts)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Sending changes\s*Done.*1 change sent · \d+ requests?$/),
          expect.stringMatching(/^First download — all fields\s*Done.*400 leads · \d+ requests?$/),
          expect.stringMatching(/^First download — grid columns\s*Done.*400 leads · \d+ requests?$/)
        ])
      )
    await page.screenshot({ path: join(screenshotDir, 'jobs-log.png'), animations: 'disabled' })
  })
})
