import { createI18n } from 'vue-i18n'
import en from './en'
import { russianPlural } from './plural-ru'
import ru from './ru'

export const locales = ['en', 'ru'] as const
export type Locale = (typeof locales)[number]
export type MessageSchema = typeof en

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale)
}

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru },
    pluralRules: { ru: russianPlural }
  })
}
