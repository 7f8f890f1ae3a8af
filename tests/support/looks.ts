import type { Page } from 'playwright-core'

/** Every theme in every UI language: the four looks a screen is checked and photographed in. */
export const LOOKS = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'ru' },
  { theme: 'dark', locale: 'ru' }
] as const

export type Look = (typeof LOOKS)[number]

/** Sets the app's theme and language as the user's settings keep them; the next load shows them. */
export async function chooseLook(page: Page, appUrl: string, look: Look): Promise<void> {
  await page.goto(`${appUrl}#/portals`)
  await page.evaluate(
    (settings) => {
      localStorage.setItem('lead-admin.theme', settings.theme)
      localStorage.setItem('lead-admin.locale', settings.locale)
    },
    { theme: look.theme, locale: look.locale }
  )
}
