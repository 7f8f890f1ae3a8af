/** Keeping a portal's local copy in step: sync runs, conflicts, and the outbox of local changes. */
import { z } from 'zod'
import { portalArgs, portalId } from './args'
import { channel } from './channel'
import type { ApiError } from './errors'
import { fieldValue } from './leads'

/** The portal's codes for a call refused because of its limits (docs/bitrix24-protocol.md §4). */
export type PortalLimitCode = 'QUERY_LIMIT_EXCEEDED' | 'OPERATION_TIME_LIMIT'

/**
 * How the portal answered the latest call (times are epoch ms of this computer):
 * `unknown` before any call; `offline` when calls do not reach it (`retryAt`: when the next try
 * goes, if one is planned); `limited` while calls wait for one of its limits to let them through;
 * `refused` when it refuses the sign-in.
 */
export type PortalLinkStatus =
  | { state: 'unknown' | 'online' }
  | { state: 'offline'; code: string; retryAt?: number }
  | { state: 'limited'; code: PortalLimitCode; until: number }
  | { state: 'refused'; code: string }

/** Where the local copy of a portal stands. */
export interface SyncStatus {
  portalId: string
  state: 'idle' | 'syncing' | 'offline' | 'error'
  phase?: 'grid' | 'details' | 'delta' | 'sweep' | 'push'
  /** Leads downloaded in the current phase, and how many there are (when known). */
  rows: number
  totalRows?: number
  requests: number
  /**
   * Leads per second over the last seconds of the phase, waits for the portal included; absent
   * until rows have come (never a made-up 0).
   */
  rowsPerSecond?: number
  /** Time left at that rate, when the total is known and rows are coming. */
  etaMs?: number
  /** Whether the portal can be reached right now, and if not, why and until when. */
  link: PortalLinkStatus
  pending: number
  conflicts: number
  /** Changes the portal refused (or that cannot go on their own); those held by a conflict count as conflicts. */
  needsAttention: number
  /**
   * Changes that wait behind an earlier change of their lead that needs attention or is in
   * conflict (a lead's changes go in order): they go once the user settles that one.
   */
  waitingBehind: number
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

/** The kinds of queued change: a lead's fields (create, update, delete) and its whole sets of related items. */
export const OUTBOX_KINDS = ['create', 'update', 'delete', 'productrows', 'contacts'] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]

export interface OutboxEntry {
  opId: string
  leadKey: number
  kind: OutboxKind
  state: 'pending' | 'sending' | 'needs-attention' | 'done'
  attempts: number
  patch: Record<string, unknown>
  lastError?: { code: string; message: string }
  /** Waits for the user's decision on a conflict (listed with the conflicts, not as a refusal). */
  heldByConflict: boolean
  /** The parked change (refused, or in conflict) of the same lead this one waits for. */
  blockedBy?: string
  /** Of a parked change: how many later changes of its lead wait for it (absent when none). */
  waitingBehind?: number
}

/** auto: the first download, else a delta; full: everything again; delta: only what changed. */
export const SYNC_MODES = ['auto', 'full', 'delta'] as const
export type SyncMode = (typeof SYNC_MODES)[number]

const syncStartArgs = z.strictObject({ portalId, mode: z.enum(SYNC_MODES).default('auto') })
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

export const syncChannels = {
  'sync.start': channel<SyncStatus>()(syncStartArgs),
  'sync.cancel': channel<SyncStatus>()(portalArgs),
  'sync.status': channel<SyncStatus>()(portalArgs),
  'conflicts.list': channel<ConflictInfo[]>()(portalArgs),
  'conflicts.resolve': channel<void>()(resolveConflictArgs),
  'outbox.list': channel<OutboxEntry[]>()(portalArgs),
  'outbox.retry': channel<void>()(outboxOpArgs),
  'outbox.discard': channel<void>()(outboxOpArgs)
} as const
