import { expect } from 'vitest'
import { readForm } from './html-form'

/**
 * The system browser with a user who clicks "Allow": loads the approve page, submits its form as
 * the page defines it, and follows the portal's redirect to the app's loopback listener.
 */
export async function approveInBrowser(authorizeUrl: string): Promise<void> {
  const page = await fetch(authorizeUrl)
  expect(page.status).toBe(200)
  const form = readForm(await page.text(), page.url)
  const submitted = await fetch(form.action, { method: form.method, body: form.fields, redirect: 'manual' })
  expect(submitted.status).toBe(302)
  const landing = await fetch(submitted.headers.get('location')!)
  expect(landing.status).toBe(200)
  expect(await landing.text()).toContain('You can close this window.')
}
