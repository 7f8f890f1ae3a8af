import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/core/auth/keytar-secret-store'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { PortalRegistry } from '../../electron/core/portals/portal-registry'
import { projectRoot } from '../support/built-app'
import { launchChromium } from '../support/browser'
import { webhookRecord } from '../support/core'
import { startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

/**
 * The real renderer (out/renderer) in Chromium, talking to the real core over the loopback
 * bridge. Elements are found by role and accessible name, as a screen reader would.
 */
const screenshotDir = join(projectRoot, 'resources', 'screenshots')
let browser: Browser
let app: E2eApp | undefined
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  await mkdir(screenshotDir, { recursive: true })
})
afterAll(() => browser?.close())
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A fresh app for the running test (closed after it), on the page it opens with. */
async function openApp(options: E2eAppOptions = {}): Promise<void> {
  app = await startE2eApp(browser, options)
  page = app.page
  await page.goto(app.url)
}

/** Lines of the page's accessibility tree for interactive roles that have no accessible name. */
async function unnamedControls(): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot()
  const interactive =
    /^\s*- (button|link|textbox|switch|radio|radiogroup|checkbox|combobox|navigation|region)\b(?!\s+")/
  return tree.split('\n').filter((line) => interactive.test(line))
}

const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' })
const nav = () => page.getByRole('navigation', { name: /^(Main navigation|Главное меню)$/ })

describe('app shell in Chromium', () => {
  beforeEach(async () => {
    await openApp()
    await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
  })

  it('opens on the Portals screen with navigation, status bar and no errors', async () => {
    for (const area of ['Leads', 'Userfields', 'Card layout', 'Portals', 'Jobs']) {
      await expect(nav().getByRole('link', { name: area }).isVisible()).resolves.toBe(true)
    }
    const status = page.getByRole('status', { name: 'Status' })
    await expect(status.textContent()).resolves.toContain('No portal connected')
    await expect(status.textContent()).resolves.toContain('Online')
    await expect(page.getByRole('button', { name: 'Open demo portal' }).isVisible()).resolves.toBe(true)
    await expect(unnamedControls()).resolves.toEqual([])
    await shot('portals')
  })

  it('shows every area of the app', async () => {
    for (const [link, file] of [
      ['Leads', 'leads'],
      ['Userfields', 'userfields'],
      ['Card layout', 'card-layout'],
      ['Jobs', 'jobs']
    ] as const) {
      await nav().getByRole('link', { name: link }).click()
      await page.getByRole('heading', { name: link, level: 2 }).waitFor()
      expect(page.url()).toContain(`#/${file === 'card-layout' ? 'layout' : file}`)
      await expect(unnamedControls()).resolves.toEqual([])
      await shot(file)
    }
  })

  it('reaches an area by keyboard alone', async () => {
    const leads = nav().getByRole('link', { name: 'Leads' })
    for (let i = 0; i < 20 && !(await leads.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor()
  })

  it('explains an invalid webhook URL and keeps what was typed', async () => {
    const field = page.getByRole('textbox', { name: 'Webhook URL' })
    await field.fill('https://acme.bitrix24.com/crm/lead/list/')
    await page.getByRole('button', { name: 'Connect' }).click()
    const alert = page.getByRole('region', { name: 'Add by incoming webhook' }).getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toContain('This address is not an incoming webhook')
    await expect(field.inputValue()).resolves.toBe('https://acme.bitrix24.com/crm/lead/list/')
    await shot('portals-invalid-webhook')

    await field.fill('http://acme.bitrix24.com/rest/1/abcd1234/')
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByText('A Bitrix24 webhook URL must start with https://').waitFor()
  })

  it('opens the demo portal: a local Bitrix24 with generated leads, connected like any portal', async () => {
    await page.getByRole('button', { name: 'Open demo portal' }).click()
    const status = page.getByRole('status', { name: 'Status' })
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Portal: Demo portal')
    await expect(page.getByRole('button', { name: 'Remove portal Demo portal' }).isVisible()).resolves.toBe(true)
    await shot('portals-demo')
    await page.getByRole('button', { name: 'Remove portal Demo portal' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => status.textContent()).toContain('No portal connected')
  })

  it('switches the language to Russian and back, and remembers it', async () => {
    const language = () => page.getByRole('radiogroup', { name: /Language|Язык/ })
    await language().getByText('Русский').click()
    await nav().getByRole('link', { name: 'Порталы' }).waitFor()
    await expect(page.getByRole('radio', { name: 'Русский' }).isChecked()).resolves.toBe(true)
    await expect(page.getByRole('heading', { name: 'Порталы', level: 2 }).isVisible()).resolves.toBe(true)
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru')
    await shot('portals-ru')
    await expect(unnamedControls()).resolves.toEqual([])
    await page.reload()
    await page.getByRole('heading', { name: 'Порталы', level: 2 }).waitFor()
    await language().getByText('English').click()
    await nav().getByRole('link', { name: 'Portals' }).waitFor()
  })

  it('switches to the dark theme', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await background()
    const toggle = page.getByRole('switch', { name: 'Dark theme' })
    await toggle.click()
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true')
    const brightness = async () =>
      (await background())
        .match(/\d+/g)!
        .slice(0, 3)
        .map(Number)
        .reduce((sum: number, part: number) => sum + part, 0)
    // The theme fades in; wait for the end of the transition.
    await expect.poll(brightness).toBeLessThan(150)
    await shot('portals-dark')
    await toggle.click()
    await expect.poll(background).toBe(light)
  })
})

describe('app shell without a keychain', () => {
  it('warns visibly that secrets cannot be kept', async () => {
    const noKeychain = new KeytarSecretStore(() => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
    })
    await openApp({ secretStore: noKeychain })
    const warning = page.getByRole('alert').filter({ hasText: 'keychain' })
    await warning.waitFor()
    await expect(warning.textContent()).resolves.toContain('The system keychain is not available')
    await expect(warning.textContent()).resolves.toContain('Cannot autolaunch D-Bus')
    await shot('keychain-unavailable')
  })
})

describe('a connected portal', () => {
  it('is shown with its PROD marker and can be removed with its secrets', async () => {
    const secrets = new MemorySecretStore()
    await secrets.set('portal:acme', JSON.stringify({ webhookCode: 'abcd1234' }))
    await openApp({
      secretStore: secrets,
      prepare: (dataDir) =>
        new PortalRegistry(dataDir).save(
          webhookRecord({ id: 'acme', name: 'Acme Production', color: '#d03050', isProduction: true })
        )
    })
    const remove = page.getByRole('button', { name: 'Remove portal Acme Production' })
    await remove.waitFor()
    const status = page.getByRole('status', { name: 'Status' })
    await expect.poll(() => status.textContent()).toContain('Portal: Acme Production')
    await expect(status.textContent()).resolves.toContain('PROD')
    await shot('portals-connected')

    await remove.click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await expect(dialog.textContent()).resolves.toContain('deleted from the keychain')
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await page.getByText('No portal is connected yet').waitFor()
    await expect.poll(() => status.textContent()).toContain('No portal connected')
    expect(await secrets.list()).toEqual([])
  })
})
