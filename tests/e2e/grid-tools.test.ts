import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobInfo } from '../../electron/contract'
import { projectRoot } from '../support/built-app'
import { startConnectedApp, type ConnectedApp } from '../support/connected-app'
import { admin, call, result } from '../support/emulator'

/**
 * The grid's tools as a user drives them, in Chromium over a 500-lead portal: a userfield as a
 * column, a saved view found again after a reload, a filter on a userfield, a bulk stage change of
 * all 500 leads and a new lead, each checked on the portal. The tests follow one another on one
 * app, as a user's session would (the bulk change comes last: it changes every lead).
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let session: ConnectedApp

beforeAll(async () => {
  session = await startConnectedApp({
    emulator: { leads: 500, seed: 31 },
    app: { renderer: 'dev', viewport: { width: 1440, height: 900 } }
  })
}, 120_000)
afterAll(() => session?.close())

const REGION = 'Region (UF_CRM_REGION)'
const grid = () => session.page.getByRole('grid', { name: 'Leads' })
const rowCount = async () => Number(await grid().getAttribute('aria-rowcount')) - 1
const headers = async () => (await grid().getByRole('columnheader').allTextContents()).map((text) => text.trim())

async function openLeads(): Promise<void> {
  await session.page.goto(`${session.app.url}#/leads`)
  await session.page.reload()
  await session.page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor()
  await grid().getByRole('row').nth(2).waitFor()
}

/** Picks `label` in a naive-ui select named `name` (typing to narrow it down). */
async function choose(name: string, label: string, scope: Page | Locator = session.page): Promise<void> {
  const box = scope.getByRole('combobox', { name })
  await box.click()
  await box.fill(label)
  await session.page.getByRole('option', { name: label, exact: true }).click()
}

/** The items of the portal's Region userfield. */
async function regionItems(): Promise<Array<{ ID: string; VALUE: string }>> {
  const fields = await result<Record<string, { items?: Array<{ ID: string; VALUE: string }> }>>(
    session.portal,
    'crm.lead.fields'
  )
  return fields.UF_CRM_REGION?.items ?? []
}

/** The portal's id of an item of the Region userfield, by its English label. */
async function regionItemId(label: string): Promise<string> {
  const item = (await regionItems()).find((candidate) => candidate.VALUE === label)
  if (!item) throw new Error(`The portal has no Region item "${label}"`)
  return item.ID
}

const regionLabel = async (id: string) => (await regionItems()).find((item) => item.ID === id)?.VALUE

/** How many of the portal's leads match a crm.lead.list filter (the list's own `total`). */
async function portalCount(filter: Record<string, unknown>): Promise<number> {
  const reply = await call(session.portal, 'crm.lead.list', { filter, select: ['ID'] })
  return Number(reply.body.total)
}

describe('the grid tools', () => {
  it('shows a userfield as a column, with its label, moved where the user wants it', async () => {
    await openLeads()
    expect(await headers()).not.toContain(REGION)
    await session.page.getByRole('button', { name: 'Columns' }).click()
    await session.page.getByRole('searchbox', { name: 'Find a field' }).fill('Regi')
    // The portal's address field is called Region too: the userfield's name says its code.
    await session.page.getByRole('checkbox', { name: `Show column ${REGION}` }).click()
    await session.page.getByRole('searchbox', { name: 'Find a field' }).fill('')
    // Shown last; one step left puts it before Modified on.
    await session.page.getByRole('button', { name: `Move ${REGION} left` }).click()
    await session.page.keyboard.press('Escape')
    await expect.poll(headers).toContain(REGION)
    const shown = await headers()
    expect(shown.indexOf(REGION)).toBe(shown.length - 2)

    // The cell shows the item's label, the one the portal holds for that lead.
    await session.page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click()
    const firstRow = grid().getByRole('row').nth(1)
    const id = Number(await firstRow.getByRole('gridcell').nth(1).textContent())
    const lead = await result<{ UF_CRM_REGION: string | null }>(session.portal, 'crm.lead.get', { id })
    const labelOnPortal = lead.UF_CRM_REGION ? await regionLabel(String(lead.UF_CRM_REGION)) : ''
    const cell = firstRow.getByRole('gridcell').nth(shown.indexOf(REGION))
    await expect.poll(() => cell.textContent()).toBe(labelOnPortal)
    await session.page.screenshot({ path: join(screenshotDir, 'leads-columns.png'), animations: 'disabled' })
  })

  it('saves the columns as a view, finds it after a reload and opens with it by default', async () => {
    await session.page.getByRole('button', { name: 'View actions' }).click()
    await session.page.getByRole('menuitem', { name: 'Save as new view…' }).click()
    await session.page.getByRole('textbox', { name: 'View name' }).fill('Regions')
    await session.page.getByRole('button', { name: 'Save view' }).click()
    await expect.poll(() => session.page.getByRole('group', { name: 'Saved view' }).textContent()).toContain('Regions')

    await openLeads()
    // After a reload the grid opens with the app's own columns, and the saved view is there to pick.
    expect(await headers()).not.toContain(REGION)
    await choose('Saved view', 'Regions')
    await expect.poll(headers).toContain(REGION)

    await session.page.getByRole('button', { name: 'View actions' }).click()
    await session.page.getByRole('menuitem', { name: 'Open this view by default' }).click()
    await openLeads()
    await expect.poll(headers).toContain(REGION)
  })

  it('filters by a userfield: the grid shows as many leads as the portal has with that value', async () => {
    await openLeads()
    await session.page.getByRole('button', { name: 'Add filter' }).click()
    const form = session.page.getByRole('form', { name: 'Add filter' })
    await choose('Field', REGION, form)
    await choose('Value', 'North', form)
    // A list condition takes several values: its choices stay open until the focus moves on.
    await session.page.keyboard.press('Tab')
    await form.getByRole('button', { name: 'Apply' }).click()

    const expected = await portalCount({ UF_CRM_REGION: await regionItemId('North') })
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(500)
    await expect.poll(rowCount).toBe(expected)
    const stages = session.page.getByRole('group', { name: 'Stages' })
    // The stage counts follow the filter.
    const chipsTotal = async () =>
      (await stages.getByRole('button').allTextContents())
        .map((text) => text.match(/\(([\d,]+)\)$/)?.[1])
        .reduce((sum, count) => sum + (count ? Number(count.replace(/,/g, '')) : 0), 0)
    await expect.poll(chipsTotal).toBe(expected)

    await session.page.getByRole('button', { name: /^Remove filter/ }).click()
    await expect.poll(rowCount).toBe(500)
  })

  it('creates a lead from the form, which asks for the title first; the portal gets it', async () => {
    await openLeads()
    await session.page.getByRole('button', { name: 'New lead' }).click()
    await session.page.getByRole('button', { name: 'Create lead' }).click()
    await session.page.getByRole('alert').filter({ hasText: 'Lead Title' }).waitFor()
    await session.page.getByRole('textbox', { name: 'Lead Title' }).fill('Made in the grid tools test')
    await session.page.getByRole('button', { name: 'Create lead' }).click()
    await expect.poll(async () => portalCount({ TITLE: 'Made in the grid tools test' }), { timeout: 20_000 }).toBe(1)
  })

  it('changes the stage of all 500 leads that match in one step, sent 50 to a request', async () => {
    // The lead the previous test created is left out by the filter.
    await openLeads()
    const idsUpTo500 = [{ field: 'ID', op: '<=' as const, value: 500 }]
    const { total } = await session.app.services.leads.query(session.portalId, {
      filter: idsUpTo500,
      offset: 0,
      limit: 1
    })
    expect(total).toBe(500)
    await session.page.getByRole('button', { name: 'Add filter' }).click()
    const form = session.page.getByRole('form', { name: 'Add filter' })
    await choose('Field', 'ID', form)
    await choose('Condition', 'to', form)
    await form.getByRole('textbox', { name: 'Value' }).fill('500')
    await form.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(rowCount).toBe(500)

    const alreadyJunk = await portalCount({ STATUS_ID: 'JUNK', '<=ID': 500 })
    await admin(session.portal, 'stats/reset', {})
    const started = Date.now()
    await session.page.getByRole('checkbox', { name: 'Select all leads that match' }).check()
    await session.page.getByRole('button', { name: 'Change a field…' }).click()
    await choose('Field to change', 'Stage')
    await choose('New value', 'Junk lead')
    await session.page.getByRole('button', { name: 'Set Stage on 500 leads' }).click()

    await session.page.getByRole('status', { name: 'Undo the bulk change' }).waitFor()
    await expect
      .poll(() => session.page.getByRole('status', { name: 'Undo the bulk change' }).textContent(), { timeout: 30_000 })
      .toContain('Bulk change sent: 500 leads')
    expect(await portalCount({ STATUS_ID: 'JUNK', '<=ID': 500 })).toBe(500)
    const stats = (await admin(session.portal, 'stats')) as { subCallsByMethod: Record<string, number> }
    expect(stats.subCallsByMethod['crm.lead.update']).toBe(500 - alreadyJunk)
    const jobs = await session.app.services.dispatch('jobs.list', { portalId: session.portalId })
    if (!jobs.ok) throw new Error(JSON.stringify(jobs.error))
    const pushes = (jobs.value as JobInfo[]).filter((job) => job.kind === 'push' && job.startedAt >= started)
    const requests = pushes.reduce((sum, job) => sum + Number(job.details.requests ?? 0), 0)
    // One read of the leads' portal values for the merge, and ten batches of fifty writes.
    expect(requests).toBeGreaterThan(0)
    expect(requests).toBeLessThanOrEqual(11)
  })
})
