/**
 * THE contract between the main process and the renderer.
 *
 * One map of channels (argument schema + result type) and one map of events. The main process
 * registers a handler for every channel from this map and validates every argument with the
 * channel's schema (the renderer is untrusted). The preload script and the loopback browser shim
 * build the namespaced `window.api` (`api.portals.list()`, ...) from the same names.
 *
 * The renderer may import only *types* from this file.
 */
import { z } from 'zod'
import type { JobKind, JobProgress, JobState } from './core/jobs/job-kinds'

export type { JobKind, JobProgress, JobState }

// ---------------------------------------------------------------------------------------------
// Errors that cross the bridge
// ---------------------------------------------------------------------------------------------

export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'NOT_FOUND',
  'INVALID_WEBHOOK_URL',
  'INVALID_PORTAL_ADDRESS',
  'SECRET_STORE_UNAVAILABLE',
  /** The portal could not be reached (network, timeout, not a Bitrix24 answer). */
  'PORTAL_UNREACHABLE',
  /** The portal refused the credentials (wrong webhook code, revoked app). */
  'PORTAL_REJECTED',
  /** The webhook or app lacks the `crm` scope. */
  'MISSING_SCOPE',
  /** OAuth tokens can no longer be refreshed: the user must sign in again. */
  'SIGN_IN_REQUIRED',
  /** The browser sign-in did not finish; `details.reason` says why. */
  'SIGN_IN_FAILED',
  /** The portal answered with an error; `details` has its code and text. */
  'PORTAL_ERROR',
  'CANCELLED',
  /** A lead value breaks a rule known locally; `details.errors` lists field, code and message. */
  'INVALID_VALUE',
  'INTERNAL',
  /** Made on the renderer side when the bridge itself fails (connection lost). */
  'TRANSPORT'
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Every failure reaches the renderer in this shape, never as a bare string. */
export interface ApiError {
  code: ErrorCode
  message: string
  details?: unknown
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError }

// ---------------------------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------------------------

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

/** One grid row: the lead with local edits applied, and where it stands with the portal. */
export interface LeadRow {
  /** The portal's ID, or a negative key for a lead created offline and not yet pushed. */
  key: number
  values: Record<string, unknown>
  syncState: 'synced' | 'pending' | 'conflict' | 'error'
}

export interface LeadPage {
  rows: LeadRow[]
  total: number
}

export type LeadFacets = Record<'STATUS_ID' | 'SOURCE_ID', Record<string, number>>

/** A field the grid can show and edit, from the portal's field list (crm.lead.fields). */
export interface LeadFieldInfo {
  code: string
  type: string
  title: string
  readOnly: boolean
  multiple: boolean
  /** Choices for status and enumeration fields: value → label. */
  items?: Array<{ value: string; label: string }>
}

/** Where the local copy of a portal stands. */
export interface SyncStatus {
  portalId: string
  state: 'idle' | 'syncing' | 'offline' | 'error'
  phase?: 'grid' | 'details' | 'delta' | 'sweep' | 'push'
  /** Leads downloaded in the current phase, and how many there are (when known). */
  rows: number
  totalRows?: number
  requests: number
  rowsPerSecond?: number
  etaMs?: number
  pending: number
  conflicts: number
  /** Changes the portal refused (or that cannot go on their own); those held by a conflict count as conflicts. */
  needsAttention: number
  lastSyncAt?: string
  /** Why the last run failed, as any call's error (the renderer words it in the user's language). */
  lastError?: ApiError
  /** Leads removed by the last deletion sweep. */
  lastSweepRemoved?: number
}

export interface ConflictInfo {
  id: number
  leadKey: number
  kind: 'field' | 'deleted'
  field?: string
  base?: unknown
  mine?: unknown
  theirs?: unknown
}

export interface OutboxEntry {
  opId: string
  leadKey: number
  kind: 'create' | 'update' | 'delete' | 'productrows' | 'contacts'
  state: 'pending' | 'sending' | 'needs-attention' | 'done'
  attempts: number
  patch: Record<string, unknown>
  lastError?: { code: string; message: string }
  /** Waits for the user's decision on a conflict (listed with the conflicts, not as a refusal). */
  heldByConflict: boolean
}

/**
 * One entry of a portal's job log (first download, deletion sweep, push, ...), newest first.
 * `details` holds only the entry's plain values (rows, requests, sent, ...).
 */
export interface JobInfo {
  id: number
  kind: JobKind
  status: JobState
  startedAt: number
  finishedAt?: number
  details: Record<string, number | string | boolean>
  /** Items done so far (jobs of the job runner). */
  progress?: JobProgress
  /** Why a failed job failed. */
  error?: Pick<ApiError, 'code' | 'message'>
}

// ---------------------------------------------------------------------------------------------
// Argument schemas
// ---------------------------------------------------------------------------------------------

const noArgs = z.undefined()
const portalId = z.string().trim().min(1).max(64)

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

const updatePortalArgs = z.strictObject({
  id: portalId,
  name: z.string().trim().min(1).max(100).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'A colour looks like #2080f0')
    .optional(),
  isProduction: z.boolean().optional()
})

const consoleCallArgs = z.strictObject({
  portalId,
  method: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i, 'A method name looks like crm.lead.list'),
  params: z.record(z.string(), z.unknown()).default({})
})

const fieldCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A field code looks like TITLE or UF_CRM_REGION')
const leadKey = z
  .number()
  .int()
  .refine((key) => key !== 0, 'A lead key is never 0')
const gridQuery = z.strictObject({
  filter: z
    .array(
      z.strictObject({
        field: fieldCode,
        op: z.enum(['=', '!', '>', '>=', '<', '<=', '%', '@', 'empty', 'notEmpty']),
        value: z.unknown().optional()
      })
    )
    .max(50)
    .optional(),
  sort: z
    .array(z.strictObject({ field: fieldCode, direction: z.enum(['asc', 'desc']) }))
    .max(5)
    .optional(),
  search: z.string().max(200).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500)
})
/** The most text one field value may hold (as JSON): far more than any field of the portal takes. */
export const MAX_FIELD_VALUE_CHARS = 100_000
/** Fields one edit may change at once: more than a lead has. */
export const MAX_FIELDS_PER_EDIT = 500

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0
  } catch {
    // A cycle, or a BigInt: nothing the portal could take.
    return Number.POSITIVE_INFINITY
  }
}

/** One field's value: any JSON value, of bounded size. */
const fieldValue = z
  .unknown()
  .refine(
    (value) => jsonLength(value) <= MAX_FIELD_VALUE_CHARS,
    `A field value may hold at most ${MAX_FIELD_VALUE_CHARS.toLocaleString('en')} characters of JSON`
  )
const fieldValues = z
  .record(fieldCode, fieldValue)
  .refine(
    (values) => Object.keys(values).length <= MAX_FIELDS_PER_EDIT,
    `One change may set at most ${MAX_FIELDS_PER_EDIT} fields`
  )
const portalArgs = z.strictObject({ portalId })

const leadQueryArgs = z.strictObject({ portalId, query: gridQuery })
/** Facet counts cover every matching lead: no window, no order. */
const leadFacetArgs = z.strictObject({ portalId, query: gridQuery.pick({ filter: true, search: true }) })
const leadEditArgs = z.strictObject({ portalId, key: leadKey, patch: fieldValues })
const leadCreateArgs = z.strictObject({ portalId, fields: fieldValues })
const leadKeyArgs = z.strictObject({ portalId, key: leadKey })
const productRowsArgs = z.strictObject({
  portalId,
  key: leadKey,
  rows: z.array(z.record(z.string().regex(/^[A-Z_]+$/), z.union([z.string().max(255), z.number(), z.null()]))).max(500)
})
const leadContactsArgs = z.strictObject({
  portalId,
  key: leadKey,
  items: z
    .array(
      z.strictObject({
        CONTACT_ID: z.number().int().positive(),
        SORT: z.number().int().optional(),
        IS_PRIMARY: z.enum(['Y', 'N']).optional()
      })
    )
    .max(100)
})
const syncStartArgs = z.strictObject({ portalId, mode: z.enum(['auto', 'full', 'delta']).default('auto') })
const resolveConflictArgs = z.strictObject({
  portalId,
  id: z.number().int().positive(),
  choice: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('mine') }),
    z.strictObject({ kind: z.literal('theirs') }),
    z.strictObject({ kind: z.literal('edit'), value: fieldValue })
  ])
})
const outboxOpArgs = z.strictObject({ portalId, opId: z.string().min(1).max(64) })
const jobsListArgs = z.strictObject({ portalId, limit: z.number().int().min(1).max(500).default(100) })

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

/** A channel: the runtime schema of its argument and, as a phantom type, its result. */
interface Channel<Input extends z.ZodType, Output> {
  input: Input
  /** Never read at run time; carries the result type. */
  output?: Output
}

const channel =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Channel<Input, Output> => ({ input })

export const channels = {
  'app.info': channel<AppInfo>()(noArgs),
  'portals.list': channel<PortalSummary[]>()(noArgs),
  'portals.connectWebhook': channel<PortalSummary>()(connectWebhookArgs),
  'portals.startOAuth': channel<PortalSummary>()(startOAuthArgs),
  /** Stops a sign-in that is waiting for the browser; true when one was running. */
  'portals.cancelOAuth': channel<boolean>()(noArgs),
  'portals.remove': channel<void>()(removePortalArgs),
  'portals.update': channel<PortalSummary>()(updatePortalArgs),
  'portals.openDemo': channel<PortalSummary>()(noArgs),
  'console.call': channel<ConsoleReply>()(consoleCallArgs),
  'leads.fields': channel<LeadFieldInfo[]>()(portalArgs),
  'leads.query': channel<LeadPage>()(leadQueryArgs),
  'leads.facets': channel<LeadFacets>()(leadFacetArgs),
  'leads.edit': channel<LeadRow>()(leadEditArgs),
  'leads.create': channel<LeadRow>()(leadCreateArgs),
  'leads.delete': channel<void>()(leadKeyArgs),
  'leads.undo': channel<LeadRow | null>()(leadKeyArgs),
  /** Replaces the lead's product rows (queued; pushed with crm.lead.productrows.set). */
  'leads.setProductRows': channel<void>()(productRowsArgs),
  /** Replaces the lead's bound contacts (queued; pushed with crm.lead.contact.items.set). */
  'leads.setContacts': channel<void>()(leadContactsArgs),
  'sync.start': channel<SyncStatus>()(syncStartArgs),
  'sync.cancel': channel<SyncStatus>()(portalArgs),
  'sync.status': channel<SyncStatus>()(portalArgs),
  'conflicts.list': channel<ConflictInfo[]>()(portalArgs),
  'conflicts.resolve': channel<void>()(resolveConflictArgs),
  'outbox.list': channel<OutboxEntry[]>()(portalArgs),
  'outbox.retry': channel<void>()(outboxOpArgs),
  'outbox.discard': channel<void>()(outboxOpArgs),
  /** The portal's job log, newest first. */
  'jobs.list': channel<JobInfo[]>()(jobsListArgs)
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ChannelArgs<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = Exclude<Channels[C]['output'], undefined>

export const channelNames = Object.keys(channels) as ChannelName[]

// ---------------------------------------------------------------------------------------------
// Events (main → renderer)
// ---------------------------------------------------------------------------------------------

export interface Events {
  /** The list of portals changed (added, removed, renamed). */
  'portals.changed': PortalSummary[]
  /** Sync state and progress of a portal (many times a second during a sync, at most). */
  'sync.status': SyncStatus
  /** Leads of a portal changed locally or by a sync: grids refresh what they show. */
  'leads.changed': { portalId: string }
}
export type EventName = keyof Events
export const eventNames: EventName[] = ['portals.changed', 'sync.status', 'leads.changed']

// ---------------------------------------------------------------------------------------------
// Implementations and the renderer-facing API shape
// ---------------------------------------------------------------------------------------------

/** What the main process implements: one async function per channel, arguments already parsed. */
export type ApiHandlers = {
  [C in ChannelName]: (args: ChannelArgs<C>) => Promise<ChannelOutput<C>>
}

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never
type MethodOf<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never
type ArgsTuple<C extends ChannelName> =
  undefined extends ChannelInput<C> ? [arg?: ChannelInput<C>] : [arg: ChannelInput<C>]

/** `window.api`: namespaced calls that resolve to an envelope, plus event subscription. */
export type WindowApi = {
  [N in Namespace<ChannelName>]: {
    [C in ChannelName as MethodOf<C, N>]: (...args: ArgsTuple<C>) => Promise<Envelope<ChannelOutput<C>>>
  }
} & {
  events: {
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
  }
}
