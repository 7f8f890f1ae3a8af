/**
 * THE contract between the main process and the renderer.
 *
 * One map of channels (argument schema + result type), merged from the areas' maps, and one map
 * of events. The main process registers a handler for every channel from this map and validates
 * every argument with the channel's schema (the renderer is untrusted). The preload script and
 * the loopback browser shim build the namespaced `window.api` (`api.portals.list()`, ...) from the
 * same names.
 *
 * The renderer may import only *types* from this folder.
 */
import type { z } from 'zod'
import { bulkChannels } from './bulk'
import type { Envelope } from './errors'
import { fileChannels } from './files'
import { jobChannels, type JobInfo } from './jobs'
import { layoutChannels } from './layouts'
import { leadCardChannels } from './lead-card'
import { leadChannels } from './leads'
import { appChannels, portalChannels, type PortalSummary } from './portals'
import { syncChannels, type SyncStatus } from './sync'
import { userfieldChannels } from './userfields'
import { viewChannels } from './views'

export {
  bulkChannels,
  MAX_BULK_LEADS,
  type BulkResult,
  type BulkStatus,
  type BulkTarget,
  type BulkUndoResult
} from './bulk'
export { errorCodes, type ApiError, type Envelope, type ErrorCode } from './errors'
export {
  appChannels,
  MAX_CONSOLE_PARAMS_CHARS,
  MAX_CONSOLE_PARAMS_DEPTH,
  MAX_CONSOLE_PARAMS_ENTRIES,
  portalChannels,
  type AppInfo,
  type ConsoleReply,
  type OAuthInfo,
  type PendingMove,
  type PortalAuthKind,
  type PortalSummary,
  type SecretStoreStatus
} from './portals'
export {
  leadChannels,
  MAX_FIELD_VALUE_CHARS,
  MAX_FIELD_VALUE_DEPTH,
  MAX_FIELDS_PER_EDIT,
  MAX_LEAD_CONTACTS,
  MAX_PRODUCT_ROWS,
  type CrmEntityType,
  type FieldLabelLanguage,
  type LeadContactItem,
  type LeadFacets,
  type LeadFieldInfo,
  type LeadFieldItem,
  type LeadPage,
  type LeadRelation,
  type LeadRow,
  type ProductRowInput,
  type ProductRowValues
} from './leads'
export {
  leadCardChannels,
  MAX_CONTACT_IDS,
  MAX_SEARCH_TEXT_CHARS,
  type CardFieldPlacement,
  type CardLayoutSource,
  type CardSectionLayout,
  type ContactChoice,
  type LeadCardData,
  type LeadCardLayout,
  type LeadCustomerType,
  type LeadHistoryEntry,
  type LeadHistorySource,
  type LeadStage,
  type StageSemantics,
  type PortalSearch,
  type ProductChoice
} from './lead-card'
export {
  OUTBOX_KINDS,
  SYNC_MODES,
  syncChannels,
  type ConflictInfo,
  type OutboxEntry,
  type OutboxKind,
  type PortalLimitCode,
  type PortalLinkStatus,
  type SyncMode,
  type SyncStatus
} from './sync'
export {
  MAX_FILTER_CONDITIONS,
  MAX_FILTER_TEXT_CHARS,
  MAX_FILTER_VALUES,
  MAX_SEARCH_CHARS,
  MAX_VALUES_PER_FILTER
} from './grid-query'
export { jobChannels, type JobInfo, type JobKind, type JobProgress, type JobState } from './jobs'
export { fileChannels, MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES, type FileHandle } from './files'
export { userfieldChannels } from './userfields'
export { MAX_ARGUMENT_CHARS, MAX_ARGUMENT_DEPTH, MAX_ARGUMENT_NODES } from './limits'
export { layoutChannels } from './layouts'
export {
  MAX_COLUMN_WIDTH,
  MAX_PINNED_COLUMNS,
  MAX_VIEW_COLUMNS,
  MAX_VIEW_NAME_CHARS,
  MAX_VIEWS,
  MIN_COLUMN_WIDTH,
  viewChannels,
  type GridView,
  type GridViewSettings,
  type SavedViews
} from './views'

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

export const channels = {
  ...appChannels,
  ...portalChannels,
  ...leadChannels,
  ...bulkChannels,
  ...leadCardChannels,
  ...syncChannels,
  ...jobChannels,
  ...fileChannels,
  ...userfieldChannels,
  ...layoutChannels,
  ...viewChannels
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
  /** A job of the job runner changed state, or made progress (a few times a second at most). */
  'jobs.changed': { portalId: string; job: JobInfo }
}
export type EventName = keyof Events
export const eventNames: EventName[] = ['portals.changed', 'sync.status', 'leads.changed', 'jobs.changed']

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
