import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, createServer, type ViteDevServer } from 'vite'
import type { Browser } from 'playwright-core'
import { projectRoot } from '../support/built-app'
import { launchChromium } from '../support/browser'

/** The config loader the `dev:web` script names (Vite's default, `bundle`, when it names none). */
function devWebConfigLoader(): 'bundle' | 'runner' | 'native' {
  const scripts = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts as Record<string, string>
  const loader = /--configLoader[= ](\w+)/.exec(scripts['dev:web'] ?? '')?.[1] ?? 'bundle'
  if (loader !== 'bundle' && loader !== 'runner' && loader !== 'native') throw new Error(`Unknown loader ${loader}`)
  return loader
}

/** `npm run dev:web`: the renderer from Vite's dev server, with the core behind the loopback bridge. */
describe('dev:web', () => {
  let server: ViteDevServer
  let browser: Browser
  /** What Vite warned of while starting (the config's loading included). */
  const warnings: string[] = []
  const logger = createLogger('warn')
  logger.warn = (message) => void warnings.push(message)
  logger.warnOnce = logger.warn

  beforeAll(async () => {
    server = await createServer({
      configFile: join(projectRoot, 'tests/support/web-dev.config.ts'),
      configLoader: devWebConfigLoader(),
      server: { port: 0, strictPort: false },
      customLogger: logger
    })
    await server.listen()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('starts without a warning', () => {
    expect(warnings).toEqual([])
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
