import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../electron/contract'
import type { Emulator } from '../../electron/emulator/emulator'
import { createProductRecord } from '../../electron/emulator/state/product-records'
import { projectRoot } from '../support/built-app'
import { axeViolations } from '../support/axe-check'
import { launchChromium } from '../support/browser'
import { startE2eApp, type E2eApp } from '../support/e2e-app'
import { call, result, startTestEmulator } from '../support/emulator'
import { freePort } from '../support/free-port'

/**
 * A lead's card in Chromium: opened by its route, a field edited, a product row added from the
 * catalogue and a contact bound — each checked on the portal; and an edit made while the portal
 * is down, shown as not sent, arriving once it is back.
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let browser: Browser
let portal: Emulator
let app: E2eApp
let portalId: string
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

beforeEach(async () => {
  // A fixed port, so the portal can be stopped and started again at the same address.
  portal = await startTestEmulator({ leads: 20, seed: 31, port: await freePort() })
  app = await startE2eApp(browser, { viewport: { width: 1280, height: 900 } })
  page = app.page
  const connected = await app.services.dispatch('portals.connectWebhook', { url: portal.webhookUrl, name: 'Acme' })
  if (!connected.ok) throw new Error(`The portal could not be connected: ${JSON.stringify(connected.error)}`)
  portalId = (connected.value as PortalSummary).id
  await (await app.services.workspaces.open(portalId)).syncNow()
})
afterEach(async () => {
  await app?.close()
  await portal?.close()
})

const portalLead = (id: number) => result<Record<string, unknown>>(portal, 'crm.lead.get', { id })

async function openCard(key: number): Promise<void> {
  await page.goto(`${app.url}#/leads/${key}`)
  const title = String((await portalLead(key)).TITLE)
  await page.getByRole('heading', { name: `Lead ${title}`, level: 2 }).waitFor()
}

async function editTitle(title: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit Lead Title' }).click()
  const box = page.getByRole('textbox', { name: 'New value of Lead Title' })
  await box.fill(title)
  await box.press('Enter')
}

describe('the lead card', () => {
  it('edits a field, adds a product row and binds a contact; the portal has all three', async () => {
    const lamp = createProductRecord(portal.portal, { name: 'Desk lamp', price: 49.9 })
    const carla = Number(await result(portal, 'crm.contact.add', { fields: { NAME: 'Carla', LAST_NAME: 'Cardtest' } }))
    await openCard(3)
    await expect(page.getByText('The default layout (the portal has none saved)').count()).resolves.toBe(1)

    await editTitle('Edited in the card')
    await expect.poll(async () => (await portalLead(3)).TITLE, { timeout: 20_000 }).toBe('Edited in the card')
    await page.getByRole('heading', { name: 'Lead Edited in the card', level: 2 }).waitFor()
    await page.screenshot({ path: join(screenshotDir, 'lead-card.png'), animations: 'disabled' })
    expect(await axeViolations(page, '.lead-card')).toEqual([])

    await page.getByRole('tab', { name: 'Products' }).click()
    await page.getByRole('textbox', { name: 'Find a product in the catalogue' }).fill('Desk')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByRole('button', { name: /^Add Desk lamp/ }).click()
    await page.getByRole('textbox', { name: 'Quantity of row 1' }).fill('2')
    await page.getByRole('textbox', { name: 'Quantity of row 1' }).press('Tab')
    expect(await axeViolations(page, '.lead-card')).toEqual([])
    await page.getByRole('button', { name: 'Save the product rows' }).click()
    await expect
      .poll(() => result<Array<Record<string, unknown>>>(portal, 'crm.lead.productrows.get', { id: 3 }), {
        timeout: 20_000
      })
      .toEqual([expect.objectContaining({ PRODUCT_ID: lamp.id, PRODUCT_NAME: 'Desk lamp', PRICE: 49.9, QUANTITY: 2 })])
    expect((await portalLead(3)).OPPORTUNITY).toBe('99.80')

    await page.getByRole('tab', { name: 'Contacts' }).click()
    await page.getByRole('textbox', { name: 'Find a contact by name, phone or e-mail' }).fill('Cardtest')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByRole('button', { name: 'Bind Carla Cardtest' }).click()
    await expect
      .poll(() => result<Array<Record<string, unknown>>>(portal, 'crm.lead.contact.items.get', { id: 3 }), {
        timeout: 20_000
      })
      .toEqual([expect.objectContaining({ CONTACT_ID: carla, IS_PRIMARY: 'Y' })])
    await page.getByRole('list', { name: '1 contact' }).getByRole('listitem').filter({ hasText: 'Carla' }).waitFor()

    // A second contact, moved to the top from the keyboard and made primary.
    const dmitri = Number(
      await result(portal, 'crm.contact.add', { fields: { NAME: 'Dmitri', LAST_NAME: 'Cardtest' } })
    )
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByRole('button', { name: 'Bind Dmitri Cardtest' }).click()
    await page.getByRole('button', { name: 'Move Dmitri Cardtest up' }).click()
    await page.getByRole('button', { name: 'Make primary: Dmitri Cardtest' }).click()
    await expect
      .poll(
        async () =>
          (
            await result<Array<{ CONTACT_ID: number; IS_PRIMARY: string }>>(portal, 'crm.lead.contact.items.get', {
              id: 3
            })
          ).map((item) => [item.CONTACT_ID, item.IS_PRIMARY]),
        { timeout: 20_000 }
      )
      .toEqual([
        [dmitri, 'Y'],
        [carla, 'N']
      ])

    expect(await axeViolations(page, '.lead-card')).toEqual([])

    await page.getByRole('tab', { name: 'History' }).click()
    await page.getByRole('row', { name: /Your edit Lead Title/ }).waitFor()

    await page.keyboard.press('Escape')
    await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor()
  })

  it('sets the stage from the stage bar', async () => {
    await openCard(5)
    const stages = page.getByRole('group', { name: 'Stage' })
    await stages.getByRole('button', { name: /^Set stage .*Junk/i }).click()
    await expect.poll(async () => (await portalLead(5)).STATUS_ID, { timeout: 20_000 }).toBe('JUNK')
    await stages.getByRole('button', { name: /Junk.*\(current\)/i }).waitFor()
  })

  it('resolves a conflict from the card: the portal gets the kept value', async () => {
    // The portal and the app change the same title from the same base: the push meets a conflict.
    await result(portal, 'crm.lead.update', { id: 6, fields: { TITLE: 'Changed on the portal' } })
    await app.services.leads.edit(portalId, 6, { TITLE: 'Changed in the app' })
    await expect.poll(async () => (await app.services.leads.conflicts(portalId)).length, { timeout: 20_000 }).toBe(1)

    // The card shows the local title, the one the app changed.
    await page.goto(`${app.url}#/leads/6`)
    await page.getByRole('heading', { name: 'Lead Changed in the app', level: 2 }).waitFor()
    const problems = page.getByRole('region', { name: 'Changes that need you' })
    await problems.getByText('Lead 6, Lead Title: changed here and on the portal.').waitFor()
    expect(await axeViolations(page, '.lead-card')).toEqual([])
    await problems.getByRole('button', { name: 'Keep yours' }).click()
    await expect.poll(async () => (await portalLead(6)).TITLE, { timeout: 20_000 }).toBe('Changed in the app')
    await expect.poll(() => problems.count()).toBe(0)
  })

  it('creates a lead while the portal is down; it reaches the portal once it is back', async () => {
    await page.goto(`${app.url}#/leads`)
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row').nth(2).waitFor()
    await portal.close()
    // The app learns the portal is gone from its next call: a sync the user starts.
    await page.getByRole('button', { name: 'Sync now' }).click()
    await page.getByRole('button', { name: 'New lead' }).click()
    await page.getByRole('note').filter({ hasText: 'The portal cannot be reached now' }).waitFor()
    await page.getByRole('textbox', { name: 'Lead Title' }).fill('Created on the train')
    await page.getByRole('button', { name: 'Create lead' }).click()
    await page.getByText('Lead "Created on the train" created').waitFor()
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('Created on the train')
    await page.getByRole('gridcell', { name: 'Created on the train', exact: true }).first().waitFor()

    await portal.listen()
    await (await app.services.workspaces.open(portalId)).syncNow()
    await expect
      .poll(
        async () => (await call(portal, 'crm.lead.list', { filter: { TITLE: 'Created on the train' } })).body.total,
        {
          timeout: 20_000
        }
      )
      .toBe(1)
  })

  it('keeps an edit made while the portal is down as not sent, and sends it when the portal is back', async () => {
    await openCard(4)
    await portal.close()
    await editTitle('Written offline')
    const field = page.locator('[data-field="TITLE"]')
    await expect.poll(() => field.textContent()).toContain('Not sent yet')
    expect(await field.textContent()).toContain('Written offline')
    expect(await axeViolations(page, '.lead-card')).toEqual([])

    await portal.listen()
    await (await app.services.workspaces.open(portalId)).syncNow()
    await expect.poll(async () => (await portalLead(4)).TITLE, { timeout: 20_000 }).toBe('Written offline')
    await expect.poll(() => field.textContent(), { timeout: 20_000 }).not.toContain('Not sent yet')
  })
})
