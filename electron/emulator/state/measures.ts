import type { PortalLang } from './portal'

/** A unit of measure of the trade catalog: OKEI code, catalog ID and symbol per language. */
export interface Measure {
  code: number
  id: number
  symbol: Record<PortalLang, string>
}

/** The units a new portal's catalog has (IDs in the order the catalog installs them). */
export const MEASURES: readonly Measure[] = [
  { code: 6, id: 1, symbol: { en: 'm', ru: 'м' } },
  { code: 112, id: 2, symbol: { en: 'l', ru: 'л' } },
  { code: 163, id: 3, symbol: { en: 'g', ru: 'г' } },
  { code: 166, id: 4, symbol: { en: 'kg', ru: 'кг' } },
  { code: 796, id: 5, symbol: { en: 'pcs', ru: 'шт' } }
]

/** The catalog's default unit: pieces. */
export const DEFAULT_MEASURE_CODE = 796

export function measureByCode(code: number): Measure | undefined {
  return MEASURES.find((measure) => measure.code === code)
}

export function defaultMeasure(lang: PortalLang): { code: number; name: string } {
  return { code: DEFAULT_MEASURE_CODE, name: measureByCode(DEFAULT_MEASURE_CODE)!.symbol[lang] }
}
