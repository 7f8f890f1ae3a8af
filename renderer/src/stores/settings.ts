import { useStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { isLocale, type Locale } from '../i18n'

export type ThemeName = 'light' | 'dark'

function preferredLocale(): Locale {
  const language = navigator.language.slice(0, 2)
  return isLocale(language) ? language : 'en'
}

/** The user's interface preferences, remembered between runs. */
export const useSettingsStore = defineStore('settings', () => {
  const theme = useStorage<ThemeName>('lead-admin.theme', 'light')
  const locale = useStorage<Locale>('lead-admin.locale', preferredLocale())
  if (!isLocale(locale.value)) locale.value = 'en'
  if (theme.value !== 'light' && theme.value !== 'dark') theme.value = 'light'
  return { theme, locale }
})
