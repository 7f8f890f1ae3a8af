/**
 * Every date, time, number and amount the UI shows goes through here, in the UI language: one
 * place decides how "12/4/2026" or "1 234,5" looks, and Intl objects are made once per locale.
 */
export interface LocaleFormat {
  locale: string
  /** A count or figure with digits grouped: 12,025 / 12 025. */
  number(value: number, maximumFractionDigits?: number): string
  /** An amount with its currency (ISO code): $1,200.50 / 1 200,50 ₽. Unknown codes are shown as the code. */
  money(amount: number, currency: string | undefined): string
  /** A calendar date. */
  date(value: Date | number | string): string
  /** A date with the time of day. */
  dateTime(value: Date | number | string): string
  /** The time of day only. */
  time(value: Date | number | string): string
  /** A share from 0 to 1 as a percentage. */
  percent(share: number): string
}

const cache = new Map<string, LocaleFormat>()

export function localeFormat(locale: string): LocaleFormat {
  let format = cache.get(locale)
  if (!format) {
    format = makeLocaleFormat(locale)
    cache.set(locale, format)
  }
  return format
}

function makeLocaleFormat(locale: string): LocaleFormat {
  const numbers = new Map<number, Intl.NumberFormat>()
  const numberFormat = (digits: number) => {
    let format = numbers.get(digits)
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })
      numbers.set(digits, format)
    }
    return format
  }
  const currencies = new Map<string, Intl.NumberFormat>()
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' })
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const asDate = (value: Date | number | string) => (value instanceof Date ? value : new Date(value))

  return {
    locale,
    number: (value, maximumFractionDigits = 2) => numberFormat(maximumFractionDigits).format(value),
    money(amount, currency) {
      if (!currency || !/^[A-Z]{3}$/.test(currency)) {
        const figure = numberFormat(2).format(amount)
        return currency ? `${figure} ${currency}` : figure
      }
      let format = currencies.get(currency)
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency })
        currencies.set(currency, format)
      }
      return format.format(amount)
    },
    date: (value) => dateFormat.format(asDate(value)),
    dateTime: (value) => dateTimeFormat.format(asDate(value)),
    time: (value) => timeFormat.format(asDate(value)),
    percent: (share) => percentFormat.format(share)
  }
}
