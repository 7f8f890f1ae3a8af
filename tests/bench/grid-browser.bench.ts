/**
 * The lead grid in Chromium with a large local copy: the built renderer over the real core (the
 * loopback bridge), a portal of N emulated leads downloaded first. Needs `npm run build`.
 *
 *   npm run bench:grid-browser -- [--leads 100000] [--seed 1]
 *
 * Prints `BENCH {"name":"grid-first-paint","ms":…}`: from opening the leads screen to the first
 * rows painted (the frame after they are in the page), the best of five openings being the warm
 * figure and the first the cold one; and `BENCH {"name":"grid-scroll-longest-task","ms":…}`: while
 * the grid scrolls from top to bottom in 200 steps, the longest gap between two frames (an upper
 * bound of the longest main-thread task) and the count of tasks Chromium reports as long (≥ 50 ms).
 */
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import type { PortalSummary } from '../../electron/contract'
import { launchChromium } from '../support/browser'
import { startE2eApp } from '../support/e2e-app'
import { startTestEmulator } from '../support/emulator'
import { printBench } from './report'

const { values } = parseArgs({
  options: { leads: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } }
})
const OPENINGS = 5
const SCROLL_STEPS = 200

const leadCount = Number(values.leads)
process.stdout.write(`Emulating ${leadCount} leads...\n`)
// The download only prepares the local copy here: the portal's operating-time limit, which would
// pause it for minutes at 100,000 leads, is off.
const portal = await startTestEmulator({ leads: leadCount, seed: Number(values.seed), operatingLimitSeconds: null })
const browser = await launchChromium()
const app = await startE2eApp(browser, { viewport: { width: 1440, height: 900 } })
try {
  const connected = await app.services.dispatch('portals.connectWebhook', { url: portal.webhookUrl, name: 'Bench' })
  if (!connected.ok) throw new Error(`The portal could not be connected: ${JSON.stringify(connected.error)}`)
  const workspace = await app.services.workspaces.open((connected.value as PortalSummary).id)
  process.stdout.write('Downloading...\n')
  await workspace.syncNow()

  const page = app.page
  // tsx names the functions it compiles with a helper the page does not have.
  await page.addInitScript('globalThis.__name = (target) => target')
  await page.goto(`${app.url}#/portals`)
  await page.getByRole('heading', { level: 2 }).first().waitFor()
  const openings: number[] = []
  for (let run = 0; run < OPENINGS; run++) {
    await page.evaluate(() => (location.hash = '#/portals'))
    await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor()
    openings.push(await timeToFirstRows(page))
  }
  printBench({
    name: 'grid-first-paint',
    ms: Math.round(Math.min(...openings)),
    coldMs: Math.round(openings[0]!),
    leads: leadCount
  })

  const scroll = await scrollTopToBottom(page)
  printBench({
    name: 'grid-scroll-longest-task',
    ms: Math.round(scroll.longestFrameMs),
    longTasks: scroll.longTasks,
    longestLongTaskMs: Math.round(scroll.longestLongTaskMs),
    steps: SCROLL_STEPS
  })
} finally {
  await app.close()
  await browser.close()
  await portal.close()
}

/** Opens the leads screen from inside the page and waits for a painted frame with rows in it. */
function timeToFirstRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now()
        const give = setTimeout(() => reject(new Error('No rows within 30 s')), 30_000)
        const hasRows = () => document.querySelectorAll('[role="grid"] [role="row"] [role="gridcell"]').length > 5
        const check = () => {
          if (!hasRows()) return requestAnimationFrame(check)
          // The frame after the rows are in the document is the one that shows them.
          requestAnimationFrame(() => {
            clearTimeout(give)
            resolve(performance.now() - started)
          })
        }
        location.hash = '#/leads'
        requestAnimationFrame(check)
      })
  )
}

/** Scrolls the grid top to bottom, a step per frame pair, watching frame gaps and long tasks. */
function scrollTopToBottom(
  page: Page
): Promise<{ longestFrameMs: number; longTasks: number; longestLongTaskMs: number }> {
  return page.evaluate(async (steps) => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]')
    if (!grid) throw new Error('No grid on the page')
    const scroller = [grid, ...grid.querySelectorAll<HTMLElement>('*')].find(
      (element) => element.scrollHeight > element.clientHeight + 100
    )
    if (!scroller) throw new Error('The grid does not scroll')
    let longTasks = 0
    let longestLongTaskMs = 0
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks++
        longestLongTaskMs = Math.max(longestLongTaskMs, entry.duration)
      }
    })
    observer.observe({ type: 'longtask', buffered: false })
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
    let longestFrameMs = 0
    let last = await frame()
    const bottom = scroller.scrollHeight - scroller.clientHeight
    for (let step = 1; step <= steps; step++) {
      scroller.scrollTop = Math.round((bottom * step) / steps)
      for (let wait = 0; wait < 2; wait++) {
        const now = await frame()
        longestFrameMs = Math.max(longestFrameMs, now - last)
        last = now
      }
    }
    // Let the last rows arrive and be drawn before the figures are read.
    await new Promise((resolve) => setTimeout(resolve, 500))
    observer.disconnect()
    return { longestFrameMs, longTasks, longestLongTaskMs }
  }, SCROLL_STEPS)
}
