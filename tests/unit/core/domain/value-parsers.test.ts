import { describe, expect, it } from 'vitest'
import {
  cleanAmountText,
  instantOf,
  isoDateOf,
  isoDateTimeOf,
  parseDateParts,
  parseDecimal,
  parseFlag,
  parseInteger,
  parseMoney
} from '../../../../electron/core/domain/value-parsers'

describe('parseDecimal / parseInteger', () => {
  it.each([
    ['15000.00', 15000],
    [' 7 ', 7],
    ['-3', -3],
    ['+2.5', 2.5],
    ['.5', 0.5],
    ['5.', 5],
    [42, 42]
  ])('%j → %j', (text, number) => expect(parseDecimal(text)).toBe(number))

  it.each(['', 'abc', '1e3', '0x10', '15 000', '1,5', '1.2.3', Number.NaN, Infinity, true, null, {}])(
    'rejects %j',
    (text) => expect(parseDecimal(text)).toBeUndefined()
  )

  it('reads whole numbers only as integers', () => {
    expect(parseInteger('42')).toBe(42)
    expect(parseInteger('4.0')).toBe(4)
    expect(parseInteger('4.2')).toBeUndefined()
    expect(parseInteger('42abc')).toBeUndefined()
  })
})

describe('cleanAmountText (the OPPORTUNITY rule)', () => {
  it.each([
    ['15 000,50', '15000.50'],
    ['15000', '15000'],
    ['', ''],
    ['  ', ''],
    [1500.5, '1500.5'],
    ['\u00a015\u00a0000', '15000']
  ])('%j → %j', (input, output) => expect(cleanAmountText(input)).toBe(output))

  it.each(['12abc', '-5', '1,000.50', '1e5', '.5', '5.', -1, Number.NaN, null, true])('rejects %j', (input) =>
    expect(cleanAmountText(input)).toBeUndefined()
  )
})

describe('parseFlag', () => {
  it.each([
    ['Y', true],
    ['y', true],
    ['1', true],
    [1, true],
    [true, true],
    ['true', true],
    ['yes', true],
    ['N', false],
    ['0', false],
    [0, false],
    [false, false],
    ['false', false],
    ['no', false]
  ])('%j → %j', (input, flag) => expect(parseFlag(input)).toBe(flag))

  it.each(['maybe', 2, '', null, 'YES!'])('rejects %j', (input) => expect(parseFlag(input)).toBeUndefined())
})

describe('parseDateParts', () => {
  it.each([
    ['1989-07-14', '1989-07-14', '1989-07-14T00:00:00'],
    ['1989-07-14T03:00:00+03:00', '1989-07-14', '1989-07-14T03:00:00+03:00'],
    ['2024-05-23 18:18', '2024-05-23', '2024-05-23T18:18:00'],
    ['2024-05-23T18:18:25.123Z', '2024-05-23', '2024-05-23T18:18:25+00:00'],
    ['2024-05-23T18:18:25-0530', '2024-05-23', '2024-05-23T18:18:25-05:30'],
    ['14.07.1989', '1989-07-14', '1989-07-14T00:00:00'],
    ['14.07.1989 09:30:15', '1989-07-14', '1989-07-14T09:30:15'],
    ['2024-02-29', '2024-02-29', '2024-02-29T00:00:00']
  ])('%s → %s / %s', (text, date, dateTime) => {
    const parts = parseDateParts(text)!
    expect(isoDateOf(parts)).toBe(date)
    expect(isoDateTimeOf(parts)).toBe(dateTime)
  })

  it.each([
    '2023-02-29',
    '1989-02-31',
    '31.02.1990',
    '2024-13-01',
    '2024-00-10',
    '2024-05-23T24:00',
    '2024-05-23T18:60',
    '2024-05-23T18:18:25+15:00',
    '23/05/2024',
    'yesterday',
    '',
    20240523
  ])('rejects %j', (text) => expect(parseDateParts(text)).toBeUndefined())

  it('gives the instant, reading a text without offset at the fallback offset', () => {
    expect(instantOf(parseDateParts('2024-05-23T18:00:00+02:00')!, 0)).toBe(Date.UTC(2024, 4, 23, 16))
    expect(instantOf(parseDateParts('2024-05-23 18:00')!, 180)).toBe(Date.UTC(2024, 4, 23, 15))
  })
})

describe('parseMoney', () => {
  it.each([
    ['300|RUB', { amount: 300, currency: 'RUB' }],
    ['300.50|usd', { amount: 300.5, currency: 'USD' }],
    ['1 500,5|EUR', { amount: 1500.5, currency: 'EUR' }],
    ['300', { amount: 300, currency: undefined }],
    [300, { amount: 300, currency: undefined }],
    ['|RUB', { amount: undefined, currency: 'RUB' }],
    ['', { amount: undefined, currency: undefined }]
  ])('%j → %j', (text, money) => expect(parseMoney(text)).toEqual(money))

  it.each(['abc|RUB', '300|RUBLES', '300|R1B', '3e2|RUB', null, {}])('rejects %j', (text) =>
    expect(parseMoney(text)).toBeUndefined()
  )
})
