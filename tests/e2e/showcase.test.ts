import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GridView } from '../../electron/contract'
import type { Emulator } from '../../electron/emulator/emulator'
import en from '../../renderer/src/i18n/en'
import ru from '../../renderer/src/i18n/ru'
import { axeViolations } from '../support/axe-check'
import { projectRoot } from '../support/built-app'
import { startConnectedApp, type ConnectedApp } from '../support/connected-app'
import { chooseLook, LOOKS } from '../support/looks'
import { result } from '../support/emulator'

/**
 * The grid with a saved view, its column chooser open, and a lead card with product rows, in
 * light and dark and in both languages: each has no serious accessibility problem, shows what it
 * should in that language, and is photographed for the README (resources/screenshots).
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
const CARD_LEAD = 7
let session: ConnectedApp

/** Three product rows on the card's lead: with quantities, a discount in percent and tax included. */
async function addProductRows(emulated: Emulator): Promise<void> {
  const products = await result<Array<{ ID: string; PRICE: string }>>(emulated, 'crm.product.list', {
    order: { ID: 'ASC' }
  })
  await result(emulated, 'crm.lead.productrows.set', {
    id: CARD_LEAD,
    rows: products.slice(0, 3).map((product, index) => ({
      PRODUCT_ID: Number(product.ID),
      PRICE: Number(product.PRICE),
      QUANTITY: index + 1,
      DISCOUNT_TYPE_ID: 2,
      DISCOUNT_RATE: index * 5,
      TAX_RATE: 20,
      TAX_INCLUDED: 'Y'
    }))
  })
}

beforeAll(async () => {
  session = await startConnectedApp({
    emulator: { leads: 300, seed: 44 },
    app: { viewport: { width: 1440, height: 900 } },
    preparePortal: addProductRows
  })
  // A saved view the grid opens with: a userfield column, a filter, a sort.
  const saved = await session.app.services.dispatch('views.save', {
    portalId: session.portalId,
    settings: {
      name: 'Hot leads, by amount',
      columns: ['ID', 'TITLE', 'STATUS_ID', 'UF_CRM_REGION', 'OPPORTUNITY', 'ASSIGNED_BY_ID', 'DATE_MODIFY'].map(
        (code) => ({ code })
      ),
      pinned: 2,
      filter: [{ field: 'OPPORTUNITY', op: '>=', value: 100_000 }],
      sort: [{ field: 'OPPORTUNITY', direction: 'desc' }],
      search: ''
    }
  })
  if (!saved.ok) throw new Error(`The view could not be saved: ${JSON.stringify(saved.error)}`)
  const setDefault = await session.app.services.dispatch('views.setDefault', {
    portalId: session.portalId,
    id: (saved.value as GridView).id
  })
  if (!setDefault.ok) throw new Error(JSON.stringify(setDefault.error))
}, 120_000)
afterAll(() => session?.close())

const shot = (name: string) =>
  session.page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled', caret: 'hide' })

// One retry: once in CI the very first opening of the leads screen never showed it (not seen
// since, nor locally); the page's state is printed when it happens.
describe.each(LOOKS)('$theme, $locale', { retry: 1 }, (look) => {
  const { theme, locale } = look
  const text = locale === 'en' ? en : ru
  const suffix = `${theme}-${locale}`
  const grid = () => session.page.getByRole('grid', { name: text.leads.grid.name })

  beforeAll(() => chooseLook(session.page, session.app.url, look))

  it('the grid opens with the default saved view: its columns, filter and sort', async () => {
    await session.page.goto(`${session.app.url}#/leads`)
    await session.page.reload()
    await grid()
      .getByRole('row')
      .nth(2)
      .waitFor()
      .catch(async (error: Error) => {
        // Once in CI the first opening showed no leads screen at all: say what the page showed.
        throw new Error(`${error.message}\nThe page showed:\n${await session.page.locator('body').ariaSnapshot()}`)
      })
    const region = locale === 'en' ? 'Region (UF_CRM_REGION)' : 'Регион'
    await expect
      .poll(async () => (await grid().getByRole('columnheader').allTextContents()).map((header) => header.trim()))
      .toContain(region)
    const amounts = await grid().getByRole('row').nth(1).getByRole('gridcell').allTextContents()
    expect(amounts.join(' ')).toMatch(/\d/)
    expect(await axeViolations(session.page, 'main')).toEqual([])
    await shot(`grid-view-${suffix}`)
  })

  it('the column chooser', async () => {
    await session.page.getByRole('button', { name: text.columns.open }).click()
    await session.page.getByRole('dialog', { name: text.columns.title }).waitFor()
    await session.page.getByRole('searchbox', { name: text.columns.search }).fill(locale === 'en' ? 'visit' : 'визит')
    await session.page.getByRole('list', { name: text.columns.hidden }).getByRole('listitem').first().waitFor()
    expect(await axeViolations(session.page, '.n-drawer')).toEqual([])
    await shot(`grid-columns-${suffix}`)
    await session.page.keyboard.press('Escape')
    await session.page.getByRole('dialog', { name: text.columns.title }).waitFor({ state: 'hidden' })
  })

  it('a lead card with its product rows', async () => {
    const title = (await result<{ TITLE: string }>(session.portal, 'crm.lead.get', { id: CARD_LEAD })).TITLE
    await session.page.goto(`${session.app.url}#/leads/${CARD_LEAD}`)
    await session.page.getByRole('heading', { name: text.card.title.replace('{title}', title), level: 2 }).waitFor()
    await session.page.getByRole('tab', { name: text.card.tabs.products }).click()
    await session.page.getByRole('heading', { name: text.card.products.title, level: 3 }).waitFor()
    expect(await axeViolations(session.page, 'main')).toEqual([])
    await shot(`card-products-${suffix}`)
  })
})
