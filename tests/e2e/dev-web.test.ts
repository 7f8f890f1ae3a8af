import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ViteDevServer } from 'vite'
import type { Browser } from 'playwright-core'
import { projectRoot } from '../support/built-app'
import { launchChromium } from '../support/browser'

/** `npm run dev:web`: the renderer from Vite's dev server, with the core behind the loopback bridge. */
describe('dev:web', () => {
  let server: ViteDevServer
  let browser: Browser

  beforeAll(async () => {
    server = await createServer({
      configFile: join(projectRoot, 'tests/support/web-dev.config.ts'),
      // As `npm run dev:web` loads it: run, not bundled (bundling the core's imports warns on each one).
      configLoader: 'runner',
      server: { port: 0, strictPort: false },
      logLevel: 'error'
    })
    await server.listen()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('serves the app in a plain browser, connected to the real core', async () => {
    const page = await browser.newPage()
    await page.goto(server.resolvedUrls!.local[0]!)
    await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
    // The note proves app.info came back over the bridge from the core (memory secret store).
    await expect(page.getByRole('note').textContent()).resolves.toContain('secrets are kept in memory only')
    await page.getByRole('textbox', { name: 'Webhook URL' }).fill('not a url')
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByRole('alert').filter({ hasText: 'This is not a web address' }).waitFor()
  })
})
