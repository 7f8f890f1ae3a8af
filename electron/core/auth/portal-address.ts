import { AppError } from '../errors'
import { isLoopbackHost, isSecureOrLocal } from '../portal/secure-address'

/** A portal's address as the user typed it, checked and reduced to its origin. */
export interface PortalAddress {
  /** `https://acme.bitrix24.com` (no trailing slash). */
  origin: string
  /** `acme.bitrix24.com` (with the port when there is one). */
  domain: string
  /** A portal on this machine (the emulator): plain http is allowed and it is its own OAuth server. */
  isLoopback: boolean
}

export type PortalAddressProblem = 'notAddress' | 'notHttps' | 'hasCredentials' | 'hasPath' | 'notFullDomain'

/** The OAuth server of every Bitrix24 cloud portal (docs/bitrix24-protocol.md §5.1). */
export const BITRIX24_OAUTH_SERVER = 'https://oauth.bitrix.info'

const EXAMPLE = 'acme.bitrix24.com'
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

export { isLoopbackHost, isSecureOrLocal }

function invalid(problem: PortalAddressProblem, message: string): AppError {
  return new AppError('INVALID_PORTAL_ADDRESS', message, { problem })
}

/** Parses an http(s) origin, allowing plain http only on this machine. */
function parseOrigin(input: string): URL {
  let url: URL
  try {
    url = new URL(HAS_SCHEME.test(input) ? input : `https://${input}`)
  } catch {
    throw invalid('notAddress', `It cannot be read as a web address. Type it like ${EXAMPLE}`)
  }
  if (!isSecureOrLocal(url)) {
    throw invalid('notHttps', `A Bitrix24 portal address must start with https:// (or have no prefix, like ${EXAMPLE})`)
  }
  if (url.username || url.password) {
    throw invalid('hasCredentials', 'The portal address must not contain a user name or password.')
  }
  return url
}

/**
 * Accepts `acme.bitrix24.com` and `https://acme.bitrix24.com/` (any case, an explicit port, spaces
 * around) and rejects everything else: other schemes, paths such as a pasted webhook URL, queries.
 */
export function normalizePortalAddress(input: string): PortalAddress {
  const url = parseOrigin(input.trim())
  if (url.pathname !== '/' || url.search || url.hash || /[?#]$/.test(input.trim())) {
    throw invalid('hasPath', `Type only the portal address, without a path, like ${EXAMPLE}`)
  }
  const isLoopback = isLoopbackHost(url.hostname)
  if (!isLoopback && !url.hostname.includes('.')) {
    throw invalid('notFullDomain', `Type the portal's full address, like ${EXAMPLE}`)
  }
  return { origin: url.origin, domain: url.host, isLoopback }
}

/**
 * Where tokens are issued for a portal: the configured server when there is one, the portal
 * itself when it runs on this machine (the emulator plays both parts), oauth.bitrix.info otherwise.
 */
export function oauthServerFor(portal: PortalAddress, configured?: string): string {
  if (configured === undefined) return portal.isLoopback ? portal.origin : BITRIX24_OAUTH_SERVER
  const url = URL.parse(configured.trim())
  if (!url || !isSecureOrLocal(url)) {
    const message = `The OAuth server must be an https:// address, like ${BITRIX24_OAUTH_SERVER}`
    throw new AppError('INVALID_ARGUMENT', message, { issues: [{ path: 'oauthServer', message }] })
  }
  return url.origin
}
