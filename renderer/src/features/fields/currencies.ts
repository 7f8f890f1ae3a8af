/** Currencies offered for amounts (ISO codes), besides the one a value already has. */
export const CURRENCIES = ['RUB', 'USD', 'EUR', 'UAH', 'KZT', 'BYN', 'GBP', 'CNY'] as const

/** The offered currencies, with `current` first added when it is not one of them. */
export function currencyChoices(current: string | undefined): string[] {
  return current && !(CURRENCIES as readonly string[]).includes(current) ? [current, ...CURRENCIES] : [...CURRENCIES]
}
