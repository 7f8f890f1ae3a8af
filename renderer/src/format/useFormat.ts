import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { localeFormat } from './locale-format'

/** The formatting of the current UI language; follows a language switch. */
export function useFormat() {
  const { locale } = useI18n()
  return computed(() => localeFormat(locale.value))
}
