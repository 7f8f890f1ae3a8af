import type { FieldLabelLanguage, LeadFieldInfo } from '@contract'

const LANGUAGES: readonly FieldLabelLanguage[] = ['en', 'ru']

/**
 * A field's name in the UI language: its label in that language, else in the other one, else the
 * portal's caption, else its code.
 */
export function fieldLabel(field: LeadFieldInfo, locale: string): string {
  const language = LANGUAGES.find((candidate) => locale.startsWith(candidate)) ?? 'en'
  const others = LANGUAGES.filter((candidate) => candidate !== language)
  for (const candidate of [language, ...others]) {
    const label = field.labels?.[candidate]?.trim()
    if (label) return label
  }
  return field.title.trim() || field.code
}
