import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { createProductRecord } from '../../../electron/emulator/state/product-records'
import { call, result, startTestEmulator } from '../../support/emulator'
import {
  crmFailure,
  expectError,
  freezeClock,
  insertLead,
  leadValues,
  LONG_AGO,
  NOW,
  watchEvent,
  withLeadAccess
} from '../../support/emulator-crm'
import { formPost } from '../../support/emulator-protocol'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startTestEmulator()
  await freezeClock(emulator)
})
afterAll(() => emulator.close())

type Row = Record<string, unknown>

const setRows = (id: number, rows: unknown, userId = 1) =>
  result<boolean>(emulator, 'crm.lead.productrows.set', { id, rows }, { userId })
const getRows = (id: number, userId = 1) => result<Row[]>(emulator, 'crm.lead.productrows.get', { id }, { userId })
/** The ID the next product row will get. */
const nextRowId = () => (emulator.portal.sequences.productRow ?? 0) + 1

const ID_INVALID = 'The parameter id is invalid or not defined.'
const coreFailure = (description: string) => ({ status: 400, error: 'ERROR_CORE', description })

describe('crm.lead.productrows.set / get — happy paths', () => {
  it('stores a PRICE-only row with the portal defaults and prints it with the mixed types of the docs', async () => {
    const lead = insertLead(emulator)
    const rowId = nextRowId()
    expect(await setRows(lead, [{ PRODUCT_NAME: 'Consulting', PRICE: 100, QUANTITY: 2 }])).toBe(true)
    expect(await getRows(lead)).toEqual([
      {
        ID: String(rowId),
        OWNER_ID: String(lead),
        OWNER_TYPE: 'L',
        PRODUCT_ID: 0,
        PRODUCT_NAME: 'Consulting',
        ORIGINAL_PRODUCT_NAME: null,
        PRODUCT_DESCRIPTION: null,
        PRICE: 100,
        PRICE_EXCLUSIVE: 100,
        PRICE_NETTO: 100,
        PRICE_BRUTTO: 100,
        PRICE_ACCOUNT: '100.00000000',
        QUANTITY: 2,
        DISCOUNT_TYPE_ID: 2,
        DISCOUNT_RATE: 0,
        DISCOUNT_SUM: 0,
        TAX_RATE: null,
        TAX_INCLUDED: 'N',
        CUSTOMIZED: 'Y',
        MEASURE_CODE: 0,
        MEASURE_NAME: '',
        SORT: 0,
        XML_ID: '',
        TYPE: 1,
        STORE_ID: null,
        RESERVE_ID: null,
        DATE_RESERVE_END: null,
        RESERVE_QUANTITY: null
      }
    ])
    expect(leadValues(emulator, lead)).toMatchObject({ OPPORTUNITY: '200.00', DATE_MODIFY: NOW, MODIFY_BY_ID: '1' })
  })

  it('reproduces the docs arithmetic from the list price (UNCONFIRMED: PRICE derived from PRICE_NETTO, kept to 6 decimals)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [
      { PRODUCT_NAME: 'Product #2', PRICE_NETTO: 32999, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 40, TAX_RATE: 12, SORT: 30 }
    ])
    const [row] = await getRows(lead)
    expect(row).toMatchObject({
      PRICE: 22175.328,
      PRICE_EXCLUSIVE: 19799.4,
      PRICE_NETTO: 32999,
      PRICE_BRUTTO: 36958.88,
      PRICE_ACCOUNT: '22175.32800000',
      QUANTITY: 1,
      DISCOUNT_TYPE_ID: 2,
      DISCOUNT_RATE: 40,
      DISCOUNT_SUM: 13199.6,
      TAX_RATE: 12,
      TAX_INCLUDED: 'N',
      SORT: 30
    })
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('22175.33')
  })

  it('back-computes the docs example from a final PRICE (the portal rounds a given PRICE to 2 decimals)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [{ PRICE: 22175.328, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 40, TAX_RATE: 12 }])
    expect((await getRows(lead))[0]).toMatchObject({
      PRICE: 22175.33,
      PRICE_EXCLUSIVE: 19799.4,
      DISCOUNT_SUM: 13199.6,
      PRICE_NETTO: 32999,
      PRICE_BRUTTO: 36958.88,
      PRICE_ACCOUNT: '22175.33000000'
    })
  })

  it('handles the docs request example: monetary and percentage discounts with tax, units, SORT (UNCONFIRMED rounding: every derived money value to 2 decimals)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [
      {
        PRODUCT_ID: 456,
        PRICE: 1000,
        QUANTITY: 10,
        DISCOUNT_TYPE_ID: 1,
        DISCOUNT_SUM: 100,
        TAX_RATE: 13,
        MEASURE_CODE: 796,
        MEASURE_NAME: 'pcs',
        SORT: 10
      },
      {
        PRODUCT_NAME: 'Product #2',
        PRICE: 500,
        QUANTITY: 5,
        DISCOUNT_TYPE_ID: 2,
        DISCOUNT_RATE: 10,
        TAX_RATE: 10,
        MEASURE_CODE: 166,
        MEASURE_NAME: 'kg',
        SORT: 20
      }
    ])
    const [monetary, percentage] = await getRows(lead)
    expect(monetary).toMatchObject({
      PRODUCT_ID: 456,
      // A product the catalog does not know: its ID in brackets.
      PRODUCT_NAME: '[456]',
      ORIGINAL_PRODUCT_NAME: null,
      PRICE: 1000,
      PRICE_EXCLUSIVE: 884.96,
      DISCOUNT_TYPE_ID: 1,
      DISCOUNT_SUM: 100,
      DISCOUNT_RATE: 10.15,
      PRICE_NETTO: 984.96,
      PRICE_BRUTTO: 1113,
      TAX_RATE: 13,
      QUANTITY: 10,
      MEASURE_CODE: 796,
      MEASURE_NAME: 'pcs',
      SORT: 10
    })
    expect(percentage).toMatchObject({
      PRODUCT_ID: 0,
      PRODUCT_NAME: 'Product #2',
      PRICE: 500,
      PRICE_EXCLUSIVE: 454.55,
      DISCOUNT_TYPE_ID: 2,
      DISCOUNT_RATE: 10,
      DISCOUNT_SUM: 50.51,
      PRICE_NETTO: 505.06,
      PRICE_BRUTTO: 555.57,
      MEASURE_CODE: 166,
      MEASURE_NAME: 'kg',
      SORT: 20
    })
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('12500.00')
  })

  it('treats TAX_INCLUDED as a stored flag: PRICE always includes the tax (source preparePrices; the spec text says otherwise)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [
      { PRODUCT_NAME: 'Included', PRICE: 120, TAX_RATE: 20, TAX_INCLUDED: 'Y', SORT: 1 },
      { PRODUCT_NAME: 'Excluded', PRICE: 120, TAX_RATE: 20, TAX_INCLUDED: 'N', SORT: 2 }
    ])
    const prices = { PRICE: 120, PRICE_EXCLUSIVE: 100, PRICE_NETTO: 100, PRICE_BRUTTO: 120, TAX_RATE: 20 }
    expect(await getRows(lead)).toMatchObject([
      { PRODUCT_NAME: 'Included', TAX_INCLUDED: 'Y', ...prices },
      { PRODUCT_NAME: 'Excluded', TAX_INCLUDED: 'N', ...prices }
    ])
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('240.00')
  })

  it('rounds money to 2 decimals, QUANTITY to 4 and a zero-rate percentage discount from PRICE_EXCLUSIVE (UNCONFIRMED: PRICE derived forward)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [
      { PRODUCT_NAME: 'Half up', PRICE: 10.005, QUANTITY: 1.23456, SORT: 1 },
      { PRODUCT_NAME: 'Exclusive only', PRICE_EXCLUSIVE: 100, TAX_RATE: 20, SORT: 2 }
    ])
    expect(await getRows(lead)).toMatchObject([
      { PRICE: 10.01, PRICE_EXCLUSIVE: 10.01, QUANTITY: 1.2346 },
      { PRICE: 120, PRICE_EXCLUSIVE: 100, PRICE_NETTO: 100, PRICE_BRUTTO: 120 }
    ])
    // 10.01 × 1.2346 + 120 = 132.358346
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('132.36')
  })

  it('derives everything from PRICE_BRUTTO with a monetary discount (UNCONFIRMED: forward computation)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [{ PRICE_BRUTTO: 120, TAX_RATE: 20, DISCOUNT_TYPE_ID: 1, DISCOUNT_SUM: 10 }])
    expect((await getRows(lead))[0]).toMatchObject({
      PRICE_BRUTTO: 120,
      PRICE_NETTO: 100,
      DISCOUNT_SUM: 10,
      DISCOUNT_RATE: 10,
      PRICE_EXCLUSIVE: 90,
      PRICE: 108
    })
  })

  it('ignores a DISCOUNT_RATE without DISCOUNT_TYPE_ID, as the portal does (undefined type → percentage 0 %)', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [{ PRICE: 90, DISCOUNT_RATE: 10 }])
    expect((await getRows(lead))[0]).toMatchObject({
      DISCOUNT_TYPE_ID: 2,
      DISCOUNT_RATE: 0,
      DISCOUNT_SUM: 0,
      PRICE_NETTO: 90
    })
  })

  it('accepts a 100 % discount when DISCOUNT_SUM is given', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [{ PRODUCT_NAME: 'Gift', PRICE: 0, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 100, DISCOUNT_SUM: 50 }])
    expect((await getRows(lead))[0]).toMatchObject({
      PRICE: 0,
      PRICE_EXCLUSIVE: 0,
      DISCOUNT_RATE: 100,
      DISCOUNT_SUM: 50,
      PRICE_NETTO: 50
    })
  })

  it('takes name, type, unit and description from a catalog product, unless the row names itself', async () => {
    const product = createProductRecord(emulator.portal, {
      name: 'Product Variation #1',
      price: 10,
      measureCode: 166,
      type: 4,
      description: 'Detailed description'
    })
    const lead = insertLead(emulator)
    await setRows(lead, [
      { PRODUCT_ID: product.id, PRICE: 10, SORT: 10 },
      { PRODUCT_ID: product.id, PRODUCT_NAME: 'Refurbished', PRICE: 8, SORT: 20 }
    ])
    const catalogFields = {
      PRODUCT_ID: product.id,
      ORIGINAL_PRODUCT_NAME: 'Product Variation #1',
      PRODUCT_DESCRIPTION: 'Detailed description',
      TYPE: 4,
      MEASURE_CODE: 166,
      MEASURE_NAME: 'kg'
    }
    expect(await getRows(lead)).toMatchObject([
      { PRODUCT_NAME: 'Product Variation #1', ...catalogFields },
      { PRODUCT_NAME: 'Refurbished', ...catalogFields }
    ])
  })

  it('names a row without product and name "[row ID]" (docs)', async () => {
    const lead = insertLead(emulator)
    const rowId = nextRowId()
    await setRows(lead, [{ PRICE: 5 }])
    expect((await getRows(lead))[0]).toMatchObject({ ID: String(rowId), PRODUCT_NAME: `[${rowId}]` })
  })

  it('lists rows by SORT, then ID (UNCONFIRMED order)', async () => {
    const lead = insertLead(emulator)
    const first = nextRowId()
    await setRows(lead, [
      { PRODUCT_NAME: 'A', PRICE: 1, SORT: 20 },
      { PRODUCT_NAME: 'B', PRICE: 1, SORT: 10 },
      { PRODUCT_NAME: 'C', PRICE: 1, SORT: 10 }
    ])
    const rows = await getRows(lead)
    expect(rows.map((row) => [row.ID, row.PRODUCT_NAME])).toEqual([
      [String(first + 1), 'B'],
      [String(first + 2), 'C'],
      [String(first), 'A']
    ])
  })

  it('replaces the whole set with new row IDs; a missing `rows` clears it and zeroes the amount', async () => {
    const lead = insertLead(emulator)
    await setRows(lead, [
      { PRODUCT_NAME: 'Old 1', PRICE: 10 },
      { PRODUCT_NAME: 'Old 2', PRICE: 20 }
    ])
    const replacementId = nextRowId()
    await setRows(lead, [{ PRODUCT_NAME: 'New', PRICE: 7, QUANTITY: 3 }])
    expect((await getRows(lead)).map((row) => [row.ID, row.PRODUCT_NAME])).toEqual([[String(replacementId), 'New']])
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('21.00')

    expect(await result(emulator, 'crm.lead.productrows.set', { id: lead })).toBe(true)
    expect(await getRows(lead)).toEqual([])
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('0.00')
  })

  it('leaves the lead alone when it had no rows and gets none (the portal skips the sync)', async () => {
    const lead = insertLead(emulator, { OPPORTUNITY: '500.00' })
    const updates = watchEvent(emulator, 'ONCRMLEADUPDATE')
    expect(await setRows(lead, [])).toBe(true)
    expect(leadValues(emulator, lead)).toMatchObject({ OPPORTUNITY: '500.00', DATE_MODIFY: LONG_AGO })
    expect(updates()).toEqual([])
  })

  it('keeps a manual amount (UNCONFIRMED: IS_MANUAL_OPPORTUNITY = "Y" blocks the sync) but still stamps the lead', async () => {
    const lead = insertLead(emulator, { OPPORTUNITY: '999.00', IS_MANUAL_OPPORTUNITY: 'Y' })
    await setRows(lead, [{ PRICE: 10 }], 3)
    expect(leadValues(emulator, lead)).toMatchObject({ OPPORTUNITY: '999.00', DATE_MODIFY: NOW, MODIFY_BY_ID: '3' })
  })

  it('announces the change with ONCRMLEADUPDATE', async () => {
    const lead = insertLead(emulator)
    const updates = watchEvent(emulator, 'ONCRMLEADUPDATE')
    await setRows(lead, [{ PRICE: 1 }])
    expect(updates()).toEqual([String(lead)])
  })

  it('skips non-object items and ignores OWNER_ID, OWNER_TYPE and ID of the input', async () => {
    const lead = insertLead(emulator)
    const rowId = nextRowId()
    await setRows(lead, ['text', 5, null, { ID: 77, OWNER_ID: 1, OWNER_TYPE: 'D', PRODUCT_NAME: 'Kept', PRICE: 3 }])
    expect(await getRows(lead)).toMatchObject([
      { ID: String(rowId), OWNER_ID: String(lead), OWNER_TYPE: 'L', PRODUCT_NAME: 'Kept' }
    ])
  })

  it('reads form-encoded rows and the upper-case parameter spellings', async () => {
    const lead = insertLead(emulator)
    const form = `ID=${lead}&ROWS[0][PRODUCT_NAME]=Form&ROWS[0][PRICE]=12.5&ROWS[0][QUANTITY]=2&ROWS[0][TAX_RATE]=25`
    const reply = await formPost(`${emulator.webhookUrl}crm.lead.productrows.set`, form)
    expect(reply.status).toBe(200)
    expect(reply.body.result).toBe(true)
    const rows = (await result<Row[]>(emulator, 'crm.lead.productrows.get', { ID: lead })) as Row[]
    expect(rows).toMatchObject([{ PRODUCT_NAME: 'Form', PRICE: 12.5, PRICE_EXCLUSIVE: 10, QUANTITY: 2, TAX_RATE: 25 }])
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('25.00')
  })

  it('returns [] for a lead that does not exist (no existence check in get)', async () => {
    expect(await getRows(987654)).toEqual([])
    expect(await getRows(987654, 3)).toEqual([])
  })
})

describe('crm.lead.productrows.set / get — errors', () => {
  it.each([
    ['crm.lead.productrows.set', {}],
    ['crm.lead.productrows.set', { id: 0, rows: [] }],
    ['crm.lead.productrows.set', { id: 'abc', rows: [] }],
    ['crm.lead.productrows.get', {}],
    ['crm.lead.productrows.get', { id: -3 }]
  ])('%s %j → "The parameter id is invalid or not defined."', async (method, params) => {
    await expectError(emulator, method, params, crmFailure(ID_INVALID))
  })

  it.each([['text'], [15], [true]])('rows = %j → "The parameter rows must be array."', async (rows) => {
    const lead = insertLead(emulator)
    await expectError(
      emulator,
      'crm.lead.productrows.set',
      { id: lead, rows },
      crmFailure('The parameter rows must be array.')
    )
  })

  it('set on a lead that does not exist → "Not found."', async () => {
    await expectError(emulator, 'crm.lead.productrows.set', { id: 987654, rows: [] }, crmFailure('Not found.'))
  })

  it.each([
    [
      { PRICE: 10, DISCOUNT_TYPE_ID: 2 },
      'Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined.<br>'
    ],
    [
      { PRICE: 10, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 100 },
      'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%<br>'
    ],
    [
      { PRICE: 10, DISCOUNT_TYPE_ID: '2', DISCOUNT_RATE: '100', DISCOUNT_SUM: '0' },
      'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%<br>'
    ],
    [
      { PRICE: 10, DISCOUNT_TYPE_ID: 1 },
      'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined.<br>'
    ]
  ])('row %j → ERROR_CORE %s, and nothing changes', async (badRow, description) => {
    const lead = insertLead(emulator)
    await setRows(lead, [{ PRODUCT_NAME: 'Existing', PRICE: 4 }])
    const before = emulator.portal.sequences.productRow
    await expectError(
      emulator,
      'crm.lead.productrows.set',
      { id: lead, rows: [{ PRICE: 1 }, badRow] },
      coreFailure(description)
    )
    expect(await getRows(lead)).toMatchObject([{ PRODUCT_NAME: 'Existing' }])
    expect(emulator.portal.sequences.productRow).toBe(before)
    expect(leadValues(emulator, lead).OPPORTUNITY).toBe('4.00')
  })
})

describe('crm.lead.productrows.set / get — permissions', () => {
  it('user 2 (own leads only) gets "Access denied." on a lead assigned to someone else, and on one that does not exist', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '1' })
    await expectError(emulator, 'crm.lead.productrows.set', { id: lead, rows: [] }, crmFailure('Access denied.'), 2)
    await expectError(emulator, 'crm.lead.productrows.get', { id: lead }, crmFailure('Access denied.'), 2)
    await expectError(emulator, 'crm.lead.productrows.set', { id: 987654, rows: [] }, crmFailure('Access denied.'), 2)
    await expectError(emulator, 'crm.lead.productrows.get', { id: 987654 }, crmFailure('Access denied.'), 2)
  })

  it('user 2 works on a lead assigned to them; the lead records who changed it', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '2' })
    expect(await setRows(lead, [{ PRICE: 3 }], 2)).toBe(true)
    expect(await getRows(lead, 2)).toMatchObject([{ PRICE: 3 }])
    expect(leadValues(emulator, lead)).toMatchObject({ OPPORTUNITY: '3.00', MODIFY_BY_ID: '2' })
  })

  it('user 3 (all leads, no settings) reads and writes any lead', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '1' })
    expect(await setRows(lead, [{ PRICE: 6 }], 3)).toBe(true)
    expect(await getRows(lead, 3)).toMatchObject([{ PRICE: 6 }])
  })

  it('a user without CRM access gets "Access denied." before the id is even looked at', async () => {
    await withLeadAccess(emulator, 3, 'none', async () => {
      await expectError(emulator, 'crm.lead.productrows.set', { id: 0 }, crmFailure('Access denied.'), 3)
      await expectError(emulator, 'crm.lead.productrows.get', { id: 1 }, crmFailure('Access denied.'), 3)
    })
  })

  it('the error envelope of a denied call has no result', async () => {
    const lead = insertLead(emulator)
    const reply = await call(emulator, 'crm.lead.productrows.get', { id: lead }, { userId: 2 })
    expect(reply.body).not.toHaveProperty('result')
  })
})
