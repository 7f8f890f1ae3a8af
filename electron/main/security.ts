/**
 * The security baseline of every window: a strict Content-Security-Policy, no new windows,
 * no navigation away from the app, and external links only as https in the system browser.
 * Written against small interfaces so it is tested without Electron.
 */
import { CONTENT_SECURITY_POLICY } from '../csp'

export interface OpenExternal {
  (url: string): Promise<void>
}

/** Only https links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

export interface GuardedWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown
}

/**
 * Denies every new window (https links go to the system browser instead) and blocks every
 * navigation: the app is a single page and never leaves it.
 */
export function guardWebContents(contents: GuardedWebContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (isSafeExternalUrl(url)) void openExternal(url)
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

/** The web preferences of every app window. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
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
