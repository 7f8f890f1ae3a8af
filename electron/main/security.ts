/**
 * The security baseline of every window: a strict Content-Security-Policy, no new windows,
 * no navigation away from the app; links go to the system browser, which decides by
 * `external-links.ts`. Written against small interfaces so it is tested without Electron.
 */
import { CONTENT_SECURITY_POLICY } from '../csp'

/** Offers a link to the system browser; refuses what may not leave the app. Never rejects. */
export interface OpenExternal {
  (url: string): Promise<void>
}

export interface GuardedWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown
}

/**
 * Denies every new window and blocks every navigation: the app is a single page and never
 * leaves it. The link is offered to the system browser instead.
 */
export function guardWebContents(contents: GuardedWebContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    void openExternal(url)
  })
}

export interface HeadersSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: (response: { responseHeaders: Record<string, string[] | string> }) => void
      ) => void
    ): void
  }
}

/** Adds the CSP header to every response the app's session receives (dev server included). */
export function applyContentSecurityPolicy(session: HeadersSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
}

/** The web preferences of every app window; the developer tools only in development. */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true
  } as const
}
