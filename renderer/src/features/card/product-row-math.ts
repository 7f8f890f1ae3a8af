import type { ProductRowInput, ProductRowValues } from '@contract'

/**
 * The arithmetic of a lead's product rows, as the portal does it (docs/bitrix24-protocol.md §8.7):
 * the list price without tax (PRICE_NETTO), less the discount (a percentage of it, or an amount),
 * is the price after the discount (PRICE_EXCLUSIVE); with the tax on top it is the final unit
 * price (PRICE). The lead's amount is Σ PRICE × QUANTITY. Money is rounded to 2 decimals, rates to
 * 2, quantities to 4, half away from zero (PHP's round). Every price is sent, so the portal keeps
 * these figures instead of deriving its own.
 */

/** A row as the editor holds it: what the user typed. */
export interface ProductRowDraft {
  /** 0: a row typed by hand. */
  productId: number
  name: string
  /** The unit price before the discount, as typed: with the tax when `taxIncluded`. */
  price: number
  quantity: number
  discountType: 'percent' | 'amount'
  /** A percentage, or an amount off the unit price (without tax). */
  discount: number
  /** Percent; null: no tax. */
  taxRate: number | null
  taxIncluded: boolean
  measureCode?: number
  measureName?: string
}

/** What a row comes to. */
export interface RowFigures {
  /** List price without tax (PRICE_NETTO). */
  netto: number
  /** List price with tax (PRICE_BRUTTO). */
  brutto: number
  discountSum: number
  discountRate: number
  /** After the discount, without tax (PRICE_EXCLUSIVE). */
  exclusive: number
  /** The final unit price (PRICE). */
  price: number
  quantity: number
  /** price × quantity. */
  sum: number
  /** The tax in `sum`. */
  tax: number
}

/** Half away from zero at `digits` decimals, reading the number's decimal text (1.005 → 1.01, not 1.00). */
export function roundHalfAway(value: number, digits: number): number {
  if (!Number.isFinite(value)) return 0
  const magnitude = Math.abs(value)
  const scaled = Math.round(Number(`${magnitude}e${digits}`))
  const rounded = Number.isFinite(scaled) ? Number(`${scaled}e-${digits}`) : magnitude
  return value < 0 ? -rounded : rounded
}

const money = (value: number) => roundHalfAway(value, 2)
const factorOf = (taxRate: number | null) => 1 + (taxRate ?? 0) / 100

export function rowFigures(draft: ProductRowDraft): RowFigures {
  const factor = factorOf(draft.taxRate)
  const netto = money(draft.taxIncluded ? draft.price / factor : draft.price)
  const percent = draft.discountType === 'percent'
  const discountSum = percent ? money((netto * roundHalfAway(draft.discount, 2)) / 100) : money(draft.discount)
  const discountRate = percent ? roundHalfAway(draft.discount, 2) : netto === 0 ? 0 : money((100 * discountSum) / netto)
  const exclusive = money(netto - discountSum)
  const price = money(exclusive * factor)
  const quantity = roundHalfAway(draft.quantity, 4)
  const sum = money(price * quantity)
  return {
    netto,
    brutto: money(netto * factor),
    discountSum,
    discountRate,
    exclusive,
    price,
    quantity,
    sum,
    tax: money(sum - exclusive * quantity)
  }
}

/** The lead's amount (OPPORTUNITY) the rows add up to: Σ PRICE × QUANTITY, rounded once at the end. */
export function rowsTotal(rows: ReadonlyArray<Pick<RowFigures, 'price' | 'quantity'>>): number {
  return money(rows.reduce((total, row) => total + row.price * row.quantity, 0))
}

/** The row as it is sent (crm.lead.productrows.set), every price with it. */
export function toRowInput(draft: ProductRowDraft, sort: number): ProductRowInput {
  const figures = rowFigures(draft)
  const input: ProductRowInput = {
    PRODUCT_ID: draft.productId,
    PRODUCT_NAME: draft.name,
    PRICE: figures.price,
    PRICE_EXCLUSIVE: figures.exclusive,
    PRICE_NETTO: figures.netto,
    PRICE_BRUTTO: figures.brutto,
    QUANTITY: figures.quantity,
    DISCOUNT_TYPE_ID: draft.discountType === 'percent' ? 2 : 1,
    DISCOUNT_RATE: figures.discountRate,
    DISCOUNT_SUM: figures.discountSum,
    TAX_RATE: draft.taxRate,
    TAX_INCLUDED: draft.taxIncluded ? 'Y' : 'N',
    SORT: sort
  }
  if (draft.measureCode) input.MEASURE_CODE = draft.measureCode
  if (draft.measureName) input.MEASURE_NAME = draft.measureName
  return input
}

const numberOf = (value: unknown, fallback = 0) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  return Number.isFinite(number) ? number : fallback
}

/** A stored row (sent, or as the portal printed it) as the editor holds it. */
export function fromStoredRow(row: ProductRowValues): ProductRowDraft {
  const taxRate = row.TAX_RATE === null || row.TAX_RATE === undefined ? null : numberOf(row.TAX_RATE)
  const factor = factorOf(taxRate)
  const taxIncluded = row.TAX_INCLUDED === 'Y'
  const amountOff = Number(row.DISCOUNT_TYPE_ID) === 1
  const discountSum = numberOf(row.DISCOUNT_SUM)
  const price = numberOf(row.PRICE)
  const exclusive = row.PRICE_EXCLUSIVE === undefined ? price / factor : numberOf(row.PRICE_EXCLUSIVE)
  const netto = row.PRICE_NETTO === undefined ? exclusive + discountSum : numberOf(row.PRICE_NETTO)
  const draft: ProductRowDraft = {
    productId: numberOf(row.PRODUCT_ID),
    name: typeof row.PRODUCT_NAME === 'string' ? row.PRODUCT_NAME : '',
    price: money(taxIncluded ? netto * factor : netto),
    quantity: numberOf(row.QUANTITY, 1),
    discountType: amountOff ? 'amount' : 'percent',
    discount: amountOff ? discountSum : numberOf(row.DISCOUNT_RATE),
    taxRate,
    taxIncluded
  }
  if (row.MEASURE_CODE) draft.measureCode = numberOf(row.MEASURE_CODE)
  if (typeof row.MEASURE_NAME === 'string' && row.MEASURE_NAME) draft.measureName = row.MEASURE_NAME
  return draft
}
