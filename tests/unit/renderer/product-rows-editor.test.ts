import type { ProductRowValues } from '../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../renderer/src/api/client'
import ProductRowsEditor from '../../../renderer/src/features/card/ProductRowsEditor.vue'
import { createAppI18n } from '../../../renderer/src/i18n'
import { makeFakeApi, type FakeApi } from './fake-api'

let api: FakeApi
const stored: ProductRowValues[] = [
  { PRODUCT_NAME: 'Chair', PRICE: 110, PRICE_NETTO: 100, QUANTITY: 2, TAX_RATE: 10, TAX_INCLUDED: 'N' }
]

function useLeads(search: { items: unknown[]; offline: boolean }) {
  Object.assign(api, {
    leads: {
      productRows: vi.fn(async () => ({ ok: true, value: { items: stored, pending: false, offline: false } })),
      setProductRows: vi.fn(async () => ({ ok: true, value: undefined })),
      searchProducts: vi.fn(async () => ({ ok: true, value: search }))
    }
  })
}

beforeEach(() => {
  api = makeFakeApi()
  setApi(api)
})

async function mountEditor() {
  const wrapper = mount(ProductRowsEditor, {
    props: { portalId: 'p1', leadKey: 7, currency: 'USD' },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body
  })
  await flushPromises()
  return wrapper
}

describe('the product rows editor', () => {
  it('shows the rows with their sums and the total as the portal computes them', async () => {
    useLeads({ items: [], offline: false })
    const editor = await mountEditor()
    expect(editor.get('caption').text()).toBe('1 row')
    expect(editor.get('[data-testid="products-total"]').text()).toBe('$220.00')
    editor.unmount()
  })

  it('adds a catalogue product and saves every row with its prices', async () => {
    useLeads({ items: [{ id: 5, name: 'Lamp', price: 49.9, currency: 'USD' }], offline: false })
    const editor = await mountEditor()
    await editor.get('input[aria-label="Find a product in the catalogue"]').setValue('Lamp')
    await editor.get('form[role="search"]').trigger('submit')
    await flushPromises()
    const add = editor.findAll('button').find((button) => button.text().startsWith('Add Lamp'))!
    await add.trigger('click')
    expect(editor.get('[data-testid="products-total"]').text()).toBe('$269.90')
    expect(editor.text()).toContain('The lead’s amount becomes $269.90.')
    const save = editor.findAll('button').find((button) => button.text() === 'Save the product rows')!
    await save.trigger('click')
    await flushPromises()
    expect(api.leads.setProductRows).toHaveBeenCalledWith({
      portalId: 'p1',
      key: 7,
      rows: [
        expect.objectContaining({
          PRODUCT_ID: 0,
          PRODUCT_NAME: 'Chair',
          PRICE: 110,
          QUANTITY: 2,
          TAX_RATE: 10,
          SORT: 10
        }),
        expect.objectContaining({
          PRODUCT_ID: 5,
          PRODUCT_NAME: 'Lamp',
          PRICE: 49.9,
          QUANTITY: 1,
          TAX_RATE: null,
          SORT: 20
        })
      ]
    })
    editor.unmount()
  })

  it('says clearly when the catalogue cannot be searched offline, and still adds a row by name', async () => {
    useLeads({ items: [], offline: true })
    const editor = await mountEditor()
    await editor.get('input[aria-label="Find a product in the catalogue"]').setValue('Delivery')
    await editor.get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(editor.text()).toContain('The portal cannot be reached, so its catalogue cannot be searched.')
    await editor
      .findAll('button')
      .find((button) => button.text() === 'Add a row by name')!
      .trigger('click')
    expect((editor.get('input[aria-label="Name of row 2"]').element as HTMLInputElement).value).toBe('Delivery')
    editor.unmount()
  })
})
