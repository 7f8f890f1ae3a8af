import { chromium, type Browser } from 'playwright-core'
import { watchPageErrors } from './page-errors'

/**
 * Debian's Chromium, launched the way this machine allows (no downloads, no sandbox as root).
 * Its pages' errors fail the running test (see e2e-setup).
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  watchPageErrors(browser)
  return browser
}
