import { describe, expect, it } from 'vitest'
import { computeRowPrices, rowsTotal as portalRowsTotal } from '../../../electron/emulator/state/product-row-math'
import {
  fromStoredRow,
  roundHalfAway,
  rowFigures,
  rowsTotal,
  toRowInput,
  type ProductRowDraft
} from '../../../renderer/src/features/card/product-row-math'

const draft = (change: Partial<ProductRowDraft>): ProductRowDraft => ({
  productId: 0,
  name: 'Chair',
  price: 100,
  quantity: 1,
  discountType: 'percent',
  discount: 0,
  taxRate: null,
  taxIncluded: false,
  ...change
})

describe('product-row arithmetic', () => {
  it('follows the portal on its documented example: 32999 less 40 %, 12 % tax on top', () => {
    expect(rowFigures(draft({ price: 32999, discount: 40, taxRate: 12 }))).toEqual({
      netto: 32999,
      brutto: 36958.88,
      discountSum: 13199.6,
      discountRate: 40,
      exclusive: 19799.4,
      price: 22175.33,
      quantity: 1,
      sum: 22175.33,
      tax: 2375.93
    })
  })

  it('takes the tax out of a price that includes it', () => {
    const figures = rowFigures(draft({ price: 120, taxRate: 20, taxIncluded: true, quantity: 3 }))
    expect(figures).toMatchObject({ netto: 100, exclusive: 100, price: 120, sum: 360, tax: 60 })
  })

  it('turns an amount off into its rate', () => {
    const figures = rowFigures(draft({ price: 80, discountType: 'amount', discount: 20, quantity: 2 }))
    expect(figures).toMatchObject({ discountSum: 20, discountRate: 25, exclusive: 60, price: 60, sum: 120 })
  })

  it('rounds half away from zero, as PHP does', () => {
    expect(roundHalfAway(1.005, 2)).toBe(1.01)
    expect(roundHalfAway(-2.675, 2)).toBe(-2.68)
    expect(roundHalfAway(0.33335, 4)).toBe(0.3334)
  })

  it('adds the lead amount up from unit prices and quantities, rounded once', () => {
    const rows = [
      rowFigures(draft({ price: 0.1, quantity: 0.5 })),
      rowFigures(draft({ price: 0.1, quantity: 0.5 })),
      rowFigures(draft({ price: 19.99, quantity: 3 }))
    ]
    expect(rowsTotal(rows)).toBe(60.07)
  })

  const cases: Array<[string, Partial<ProductRowDraft>]> = [
    ['a plain row', { price: 250, quantity: 2 }],
    ['a percentage off with tax', { price: 32999, discount: 40, taxRate: 12 }],
    [
      'an amount off with tax included',
      { price: 1499.9, discountType: 'amount', discount: 99.99, taxRate: 20, taxIncluded: true }
    ],
    ['odd quantities and rates', { price: 13.37, quantity: 2.3333, discount: 12.5, taxRate: 7 }],
    ['a full discount', { price: 50, discount: 100 }],
    ['a free row', { price: 0, quantity: 4 }]
  ]
  for (const [name, change] of cases) {
    it(`sends ${name} so that the portal comes to the same figures`, () => {
      const mine = rowFigures(draft(change))
      const portal = computeRowPrices(toRowInput(draft(change), 10))
      if (!portal.ok) throw new Error(portal.error)
      expect({
        price: portal.prices.price,
        exclusive: portal.prices.priceExclusive,
        netto: portal.prices.priceNetto,
        brutto: portal.prices.priceBrutto,
        quantity: portal.prices.quantity,
        discountSum: portal.prices.discountSum,
        discountRate: portal.prices.discountRate
      }).toEqual({
        price: mine.price,
        exclusive: mine.exclusive,
        netto: mine.netto,
        brutto: mine.brutto,
        quantity: mine.quantity,
        discountSum: mine.discountSum,
        discountRate: mine.discountRate
      })
    })
  }

  it('comes to the lead amount the portal computes from the same rows', () => {
    const drafts = cases.map(([, change]) => draft(change))
    const portalRows = drafts.map((row) => {
      const priced = computeRowPrices(toRowInput(row, 0))
      if (!priced.ok) throw new Error(priced.error)
      return priced.prices
    })
    expect(portalRowsTotal(portalRows)).toBe(rowsTotal(drafts.map(rowFigures)).toFixed(2))
  })

  it('reads a row back as the user typed it', () => {
    const typed = draft({ price: 1499.9, discountType: 'amount', discount: 99.99, taxRate: 20, taxIncluded: true })
    expect(fromStoredRow(toRowInput(typed, 10))).toEqual(typed)
    // A row the portal printed from only a final price: 110 with 10 % tax is 100 before tax.
    expect(fromStoredRow({ PRODUCT_NAME: 'Tea', PRICE: 110, QUANTITY: 2, TAX_RATE: 10, TAX_INCLUDED: 'N' })).toEqual(
      draft({ name: 'Tea', price: 100, quantity: 2, taxRate: 10 })
    )
  })
})
