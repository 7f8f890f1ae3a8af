import { isSecureOrLocal } from '../core/auth/portal-address'
import { log } from '../core/log'

/**
 * Documentation sites the app's pages link to. The pages link none today; an origin goes here
 * (as `https://host`) together with the first link to it.
 */
export const DOCUMENTATION_ORIGINS: readonly string[] = []

export type LinkRefusal = 'notAddress' | 'notHttps' | 'hasCredentials' | 'unknownSite'

/**
 * Why a link may not leave the app, or null when it may: only https, without a user name or
 * password, to one of the allowed origins.
 */
export function linkRefusal(url: string, allowedOrigins: readonly string[]): LinkRefusal | null {
  const parsed = URL.parse(url)
  if (!parsed) return 'notAddress'
  if (parsed.protocol !== 'https:') return 'notHttps'
  if (parsed.username || parsed.password) return 'hasCredentials'
  const allowed = allowedOrigins.some((origin) => URL.parse(origin)?.origin === parsed.origin)
  return allowed ? null : 'unknownSite'
}

/** Where a refused link pointed, for the log: its scheme and host only, as the rest may hold a secret. */
function destination(url: string): string {
  const parsed = URL.parse(url)
  return parsed ? `${parsed.protocol}//${parsed.host}` : 'an unreadable address'
}

export interface ExternalLinkDeps {
  /** The origins links may go to: the connected portals' and the documentation's. */
  allowedOrigins(): Promise<readonly string[]>
  /** Opens a URL in the system browser (`shell.openExternal`). */
  openExternal(url: string): Promise<void>
}

/**
 * Opens the links the page asks to open (new windows, navigations) in the system browser when
 * `linkRefusal` allows them; refuses and logs the others. Never rejects: a page cannot make the
 * main process fail this way.
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps): (url: string) => Promise<void> {
  return async (url) => {
    try {
      const refusal = linkRefusal(url, await deps.allowedOrigins())
      if (refusal) {
        log.warn(`Refused to open a link in the browser (${refusal}): ${destination(url)}`)
        return
      }
      await deps.openExternal(url)
    } catch (error) {
      log.warn(`Could not open a link in the browser: ${destination(url)}`, error)
    }
  }
}

/**
 * Opens the approve page of an OAuth sign-in, which the core builds from the address of the
 * portal being connected (not connected yet, so not among the allowed origins): only a portal's
 * `/oauth/authorize/` page, over https or on this machine. Rejects otherwise, so the sign-in
 * stops with a clear reason.
 */
export function createSignInPageOpener(openExternal: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    const parsed = URL.parse(url)
    const isApprovePage =
      parsed !== null &&
      isSecureOrLocal(parsed) &&
      !parsed.username &&
      !parsed.password &&
      parsed.pathname === '/oauth/authorize/'
    if (!isApprovePage) {
      log.warn(`Refused to open a sign-in page in the browser: ${destination(url)}`)
      throw new Error('Only the sign-in page of a portal is opened in the browser')
    }
    await openExternal(url)
  }
}
