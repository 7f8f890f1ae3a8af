import { z } from 'zod'
import type { PortalSummary } from '../../contract'

/** How the app reaches a portal. Secrets are not here: they live in the keychain. */
const connectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), origin: z.string(), userId: z.number().int() }),
  z.object({
    kind: z.literal('oauth'),
    origin: z.string(),
    clientId: z.string(),
    memberId: z.string(),
    /** The OAuth server (oauth.bitrix.info for cloud portals). */
    oauthServer: z.string()
  }),
  z.object({ kind: z.literal('demo') })
])
export type PortalConnection = z.infer<typeof connectionSchema>

export const portalRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  authKind: z.enum(['webhook', 'oauth', 'demo']),
  color: z.string(),
  isProduction: z.boolean(),
  addedAt: z.string(),
  scopes: z.array(z.string()).default([]),
  user: z.object({ id: z.number(), name: z.string() }).optional(),
  status: z.enum(['connected', 'needs-sign-in']).default('connected'),
  /** The portal's plan, which sets its request-rate limit. */
  plan: z.enum(['standard', 'enterprise']).default('standard'),
  /** The portal redirected to this address; it is used only once the user confirms it. */
  pendingMove: z.object({ origin: z.string(), domain: z.string(), since: z.string() }).optional(),
  connection: connectionSchema
})

/** A connected portal as the app keeps it: its summary plus how to reach it. */
export type PortalRecord = z.infer<typeof portalRecordSchema>

/** What the renderer may see of a record: everything but the connection details. */
export function toSummary(record: PortalRecord): PortalSummary {
  const { connection: _connection, plan: _plan, ...summary } = record
  return summary
}

/** Colours given to new portals in turn, so several portals are told apart at a glance. */
export const PORTAL_PALETTE = ['#2080f0', '#18a058', '#f0a020', '#8a2be2', '#13c2c2', '#eb2f96', '#d03050', '#7f8c8d']

export function nextColor(existing: readonly { color: string }[]): string {
  const used = new Set(existing.map((portal) => portal.color))
  return PORTAL_PALETTE.find((color) => !used.has(color)) ?? PORTAL_PALETTE[existing.length % PORTAL_PALETTE.length]!
}
