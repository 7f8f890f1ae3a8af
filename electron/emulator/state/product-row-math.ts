import { phpInt } from '../methods/params'

/**
 * The price arithmetic of one product row (docs/bitrix24-protocol.md §8.7/8.8), following
 * CCrmProductRow::preparePrices: PRICE is the final unit price (after discount, with tax),
 * PRICE_EXCLUSIVE the price after discount without tax, PRICE_NETTO the price before discount
 * without tax, PRICE_BRUTTO the price before discount with tax. TAX_INCLUDED is only a flag that
 * is stored and echoed; it does not change the arithmetic (the portal divides PRICE by the tax
 * factor either way).
 *
 * Rounding (as the portal does it): money to 2 decimals, rates to 2, QUANTITY to 4, half away
 * from zero like PHP's round(). Emulator choices where the portal is UNCONFIRMED:
 * - a row without PRICE but with PRICE_EXCLUSIVE, PRICE_NETTO or PRICE_BRUTTO is computed
 *   forward (the on-premise source would leave PRICE at 0);
 * - a PRICE the emulator derives (exclusive price × tax factor) is not cut to 2 decimals, only
 *   to 6 to drop float noise — the docs' cloud example shows PRICE 22175.328 = 19799.4 × 1.12.
 */
export const DISCOUNT_MONETARY = 1
export const DISCOUNT_PERCENTAGE = 2

/** The portal's texts (an application exception: the REST layer adds `<br>` and code ERROR_CORE). */
export const PRODUCT_ROW_ERRORS = {
  rateRequired: 'Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined.',
  sumRequiredForFullRate:
    'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%',
  sumRequired: 'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined.'
} as const

export interface RowPrices {
  price: number
  priceExclusive: number
  priceNetto: number
  priceBrutto: number
  quantity: number
  discountTypeId: number
  discountRate: number
  discountSum: number
  taxRate: number | null
  taxIncluded: boolean
}

export type RowPricesResult = { ok: true; prices: RowPrices } | { ok: false; error: string }

/** PHP's round(): half away from zero, without the binary surprises of `x * 100` (1.005 → 1.01). */
export function phpRound(value: number, precision = 0): number {
  if (!Number.isFinite(value)) return value
  const magnitude = Math.abs(value)
  const text = String(magnitude)
  const rounded = text.includes('e')
    ? Math.round(magnitude * 10 ** precision) / 10 ** precision
    : Number(`${Math.round(Number(`${text}e${precision}`))}e-${precision}`)
  return value < 0 ? -rounded : rounded
}

/** PHP's doubleval(): leading number of a string, booleans as 0/1, anything else 0. */
export function phpFloat(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string') return 0
  const match = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(value)
  return match ? Number(match[0]) : 0
}

/** PHP's empty() for a scalar. */
const phpEmpty = (value: unknown) =>
  value === undefined || value === null || value === false || value === 0 || value === '' || value === '0'

/** PHP's isset() on a row key. */
const isSet = (row: Record<string, unknown>, key: string) => row[key] !== undefined && row[key] !== null

const money = (value: number) => phpRound(value, 2)
const safeDivide = (dividend: number, divisor: number) => (divisor === 0 ? 0 : dividend / divisor)

/** Discount::calculateDiscountRate: how many percent `price` is below `originalPrice`. */
function discountRateOf(originalPrice: number, price: number): number {
  const original = money(originalPrice)
  const discounted = money(price)
  if (original === 0) return 0
  if (discounted === 0) return original > 0 ? 100 : -100
  return money((100 * (original - discounted)) / original)
}

interface DiscountInput {
  typeId: number
  rate: number
  sum: number | undefined
  hasRate: boolean
}

/** Exclusive and list price with the discount, before tax. */
interface PriceBasis {
  exclusive: number
  netto: number
  discountSum: number
  discountRate: number
}

/** The portal's way: the price after discount (PRICE_EXCLUSIVE, or PRICE without tax) is known. */
function fromExclusivePrice(exclusive: number, givenNetto: number | undefined, discount: DiscountInput): PriceBasis {
  let discountSum: number
  let discountRate = discount.rate
  if (discount.typeId === DISCOUNT_PERCENTAGE) {
    // The exclusive price is (100 - rate) % of the list price: sum = list price - exclusive.
    discountSum = discount.sum ?? money(safeDivide(100 * exclusive, 100 - discount.rate) - exclusive)
  } else {
    discountSum = discount.sum ?? 0
    if (!discount.hasRate) discountRate = discountRateOf(exclusive + discountSum, exclusive)
  }
  return { exclusive, netto: givenNetto ?? money(exclusive + discountSum), discountSum, discountRate }
}

/** Emulator extension (UNCONFIRMED): only the list price (PRICE_NETTO) is known; the rest follows from it. */
function fromListPrice(netto: number, discount: DiscountInput): PriceBasis {
  let discountSum: number
  let discountRate = discount.rate
  if (discount.typeId === DISCOUNT_PERCENTAGE) {
    discountSum = discount.sum ?? money((netto * discount.rate) / 100)
  } else {
    discountSum = discount.sum ?? 0
    if (!discount.hasRate) discountRate = discountRateOf(netto, netto - discountSum)
  }
  return { exclusive: money(netto - discountSum), netto, discountSum, discountRate }
}

/** Reads and checks the discount fields; an undefined type means "percentage, 0 %" as on the portal. */
function readDiscount(row: Record<string, unknown>): DiscountInput | string {
  const requestedType = isSet(row, 'DISCOUNT_TYPE_ID') ? phpInt(row.DISCOUNT_TYPE_ID) : 0
  const defined = requestedType === DISCOUNT_MONETARY || requestedType === DISCOUNT_PERCENTAGE
  const typeId = defined ? requestedType : DISCOUNT_PERCENTAGE
  const hasRate = !defined || isSet(row, 'DISCOUNT_RATE')
  const rate = defined && hasRate ? money(phpFloat(row.DISCOUNT_RATE)) : 0
  const sum = isSet(row, 'DISCOUNT_SUM') ? money(phpFloat(row.DISCOUNT_SUM)) : undefined
  if (typeId === DISCOUNT_PERCENTAGE) {
    if (!hasRate) return PRODUCT_ROW_ERRORS.rateRequired
    if (rate === 100 && phpEmpty(row.DISCOUNT_SUM)) return PRODUCT_ROW_ERRORS.sumRequiredForFullRate
  } else if (sum === undefined) {
    return PRODUCT_ROW_ERRORS.sumRequired
  }
  return { typeId, rate, sum, hasRate }
}

/** All prices of one input row, or the portal's validation message. */
export function computeRowPrices(row: Record<string, unknown>): RowPricesResult {
  const discount = readDiscount(row)
  if (typeof discount === 'string') return { ok: false, error: discount }
  const optionalMoney = (key: string) => (isSet(row, key) ? money(phpFloat(row[key])) : undefined)
  const taxRate = isSet(row, 'TAX_RATE') ? money(phpFloat(row.TAX_RATE)) : null
  const taxFactor = 1 + (taxRate ?? 0) / 100
  const givenPrice = optionalMoney('PRICE') ?? 0
  const givenExclusive = optionalMoney('PRICE_EXCLUSIVE') ?? 0
  const givenNetto = optionalMoney('PRICE_NETTO')
  const givenBrutto = optionalMoney('PRICE_BRUTTO')

  const fromList = givenPrice === 0 && givenExclusive === 0 && (givenNetto !== undefined || givenBrutto !== undefined)
  const { exclusive, netto, discountSum, discountRate } = fromList
    ? fromListPrice(givenNetto ?? money(safeDivide(givenBrutto ?? 0, taxFactor)), discount)
    : fromExclusivePrice(
        givenExclusive !== 0 ? givenExclusive : money(safeDivide(givenPrice, taxFactor)),
        givenNetto,
        discount
      )

  return {
    ok: true,
    prices: {
      price: givenPrice !== 0 ? givenPrice : phpRound(exclusive * taxFactor, 6),
      priceExclusive: exclusive,
      priceNetto: netto,
      priceBrutto: givenBrutto ?? money(netto * taxFactor),
      quantity: isSet(row, 'QUANTITY') ? phpRound(phpFloat(row.QUANTITY), 4) : 1,
      discountTypeId: discount.typeId,
      discountRate,
      discountSum,
      taxRate,
      taxIncluded: row.TAX_INCLUDED === 'Y'
    }
  }
}

/** The lead amount the rows add up to: Σ PRICE × QUANTITY, as the API prints money ("15000.00"). */
export function rowsTotal(rows: ReadonlyArray<{ price: number; quantity: number }>): string {
  return money(rows.reduce((total, row) => total + row.price * row.quantity, 0)).toFixed(2)
}
