import type { Browser, Page } from 'playwright-core'

/**
 * What the watched pages reported since the last look: uncaught exceptions, console errors and
 * console warnings (Vue's warnings among them, in a development build).
 */
const reported: string[] = []

function watchPage(page: Page): void {
  page.on('pageerror', (error) => reported.push(`page error: ${error.stack ?? error.message}`))
  page.on('console', (message) => {
    const type = message.type()
    if (type !== 'error' && type !== 'warning') return
    const { url, lineNumber } = message.location()
    reported.push(`console ${type}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`)
  })
}

/** Watches every page the browser will open, in any context, from its first moment. */
export function watchPageErrors(browser: Browser): void {
  browser.on('context', (context) => context.on('page', watchPage))
}

/** The errors reported since the last call, which starts afresh. */
export function takePageErrors(): string[] {
  return reported.splice(0)
}
