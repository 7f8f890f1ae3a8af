import type { FieldLabelLanguage, LeadFieldInfo } from '@contract'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

const LANGUAGES: readonly FieldLabelLanguage[] = ['en', 'ru']

/** The app's own name of a standard field in the UI language, if it has one. */
export type StandardName = (code: string) => string | undefined

/**
 * A field's name in the UI language: a userfield's label in that language, else in the other one;
 * a standard field's name as the app says it; else the portal's caption, else the code.
 */
export function fieldLabel(field: LeadFieldInfo, locale: string, standardName?: StandardName): string {
  const language = LANGUAGES.find((candidate) => locale.startsWith(candidate)) ?? 'en'
  const others = LANGUAGES.filter((candidate) => candidate !== language)
  for (const candidate of [language, ...others]) {
    const label = field.labels?.[candidate]?.trim()
    if (label) return label
  }
  if (!field.isUserField) {
    const name = standardName?.(field.code)
    if (name) return name
  }
  return field.title.trim() || field.code
}

/**
 * Every field's name as the user reads it: its label in the UI language, with its code added
 * where two fields share a label (a portal may call a userfield "Region" next to its own
 * address field "Region"), so no column, filter or choice is ambiguous.
 */
export function fieldNames(
  fields: readonly LeadFieldInfo[],
  locale: string,
  standardName?: StandardName
): Map<string, string> {
  const labels = fields.map((field) => [field.code, fieldLabel(field, locale, standardName)] as const)
  const uses = new Map<string, number>()
  for (const [, label] of labels) uses.set(label.toLocaleLowerCase(), (uses.get(label.toLocaleLowerCase()) ?? 0) + 1)
  return new Map(
    labels.map(([code, label]) => [code, uses.get(label.toLocaleLowerCase())! > 1 ? `${label} (${code})` : label])
  )
}

/** `fieldNames` of the fields as they are now, in the UI language: a field's name by its code. */
export function useFieldNames(fields: () => readonly LeadFieldInfo[]) {
  const { locale, t, te } = useI18n()
  const standardName = (code: string) => (te(`leadFields.${code}`) ? t(`leadFields.${code}`) : undefined)
  const names = computed(() => fieldNames(fields(), locale.value, standardName))
  return (code: string | undefined): string => (code === undefined ? '' : (names.value.get(code) ?? code))
}

/** The fields as they are now, by their code, with `useFieldNames`: what a field is, and what it is called. */
export function useLeadFields(fields: () => readonly LeadFieldInfo[]) {
  const byCode = computed(() => new Map(fields().map((field) => [field.code, field])))
  return { byCode, nameOf: useFieldNames(fields) }
}
