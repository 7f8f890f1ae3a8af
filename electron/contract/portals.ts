/** Connected portals, the app's own facts, and the REST console. */
import { z } from 'zod'
import { noArgs, portalId } from './args'
import { channel } from './channel'
import { withinJsonBounds } from './json-bounds'

export type PortalAuthKind = 'webhook' | 'oauth' | 'demo'

/** What the renderer may know about a connected portal: no token, secret or webhook code. */
export interface PortalSummary {
  id: string
  name: string
  domain: string
  authKind: PortalAuthKind
  color: string
  isProduction: boolean
  addedAt: string
  /** The scopes the webhook or application was granted. */
  scopes: string[]
  /** The portal user the app acts as. */
  user?: { id: number; name: string }
  /** 'needs-sign-in' when OAuth tokens can no longer be refreshed. */
  status: 'connected' | 'needs-sign-in'
  /**
   * The portal redirected the app to another address (a renamed portal, or someone in between).
   * The app keeps using the old one until the user confirms the move (`portals.confirmMove`).
   */
  pendingMove?: PendingMove
}

export interface PendingMove {
  /** `https://new.bitrix24.com` */
  origin: string
  domain: string
  /** When the portal first redirected there (ISO). */
  since: string
}

/** What the REST console shows for one call: the raw result or error, timings, limits. */
export interface ConsoleReply {
  status: number
  ms: number
  result?: unknown
  total?: number
  next?: number
  error?: string
  errorDescription?: string
  time?: Record<string, unknown>
}

export interface SecretStoreStatus {
  available: boolean
  backend: 'keychain' | 'memory' | 'none'
  /** Why the keychain cannot be used, in plain words, when `available` is false. */
  reason?: string
}

export interface OAuthInfo {
  /** The handler URL to register in the portal's local application. */
  callbackUrl: string
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** 'electron' inside the desktop app, 'loopback' when served to a browser for tests/dev. */
  host: 'electron' | 'loopback'
  secretStore: SecretStoreStatus
  oauth: OAuthInfo
}

const connectWebhookArgs = z.strictObject({
  url: z.string().trim().min(1).max(2048),
  name: z.string().trim().max(100).optional()
})

const startOAuthArgs = z.strictObject({
  portalAddress: z.string().trim().min(1).max(255),
  clientId: z.string().trim().min(1).max(255),
  clientSecret: z.string().trim().min(1).max(255)
})

const removePortalArgs = z.strictObject({ id: portalId })

/** The move as the user saw it: a move that changed meanwhile is not confirmed blindly. */
const confirmMoveArgs = z.strictObject({ id: portalId, origin: z.string().min(1).max(300) })

const dismissMoveArgs = z.strictObject({ id: portalId })

const updatePortalArgs = z.strictObject({
  id: portalId,
  name: z.string().trim().min(1).max(100).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'A colour looks like #2080f0')
    .optional(),
  isProduction: z.boolean().optional()
})

/** The REST console's params: as deep as any method's (`fields.PHONE.0.VALUE`), and a file's content in size. */
export const MAX_CONSOLE_PARAMS_DEPTH = 10
export const MAX_CONSOLE_PARAMS_ENTRIES = 10_000
export const MAX_CONSOLE_PARAMS_CHARS = 1_000_000

// A `__proto__` key is dropped by the record itself (it never becomes the params' prototype).
const consoleParams = z.record(z.string().min(1).max(255), z.unknown()).superRefine(
  withinJsonBounds(
    {
      maxDepth: MAX_CONSOLE_PARAMS_DEPTH,
      maxEntries: MAX_CONSOLE_PARAMS_ENTRIES,
      maxChars: MAX_CONSOLE_PARAMS_CHARS,
      wellFormed: true
    },
    'The params'
  )
)

const consoleCallArgs = z.strictObject({
  portalId,
  method: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i, 'A method name looks like crm.lead.list'),
  params: consoleParams.default({})
})

export const appChannels = {
  'app.info': channel<AppInfo>()(noArgs)
} as const

export const portalChannels = {
  'portals.list': channel<PortalSummary[]>()(noArgs),
  'portals.connectWebhook': channel<PortalSummary>()(connectWebhookArgs),
  'portals.startOAuth': channel<PortalSummary>()(startOAuthArgs),
  /** Stops a sign-in that is waiting for the browser; true when one was running. */
  'portals.cancelOAuth': channel<boolean>()(noArgs),
  'portals.remove': channel<void>()(removePortalArgs),
  'portals.update': channel<PortalSummary>()(updatePortalArgs),
  /** Takes the address the portal moved to (its pending move) as the portal's address. */
  'portals.confirmMove': channel<PortalSummary>()(confirmMoveArgs),
  /** Forgets a pending move: the portal keeps its address. */
  'portals.dismissMove': channel<PortalSummary>()(dismissMoveArgs),
  'portals.openDemo': channel<PortalSummary>()(noArgs),
  'console.call': channel<ConsoleReply>()(consoleCallArgs)
} as const
