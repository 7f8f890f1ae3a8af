import { BATCH_LIMIT, commandQuery, runBatch, type BatchCommands } from '../portal/batch'
import {
  LEAD_LIST_METHOD,
  outcomeOf,
  portalCommands,
  runCommands,
  type PortalCommand,
  type ProductRowInput,
  type TypedOutcome
} from '../portal/methods'
import type { PortalClient } from '../portal/portal-client'
import type { LeadStore } from '../store/lead-store'
import { FULL_SELECT } from './pull'
import type { OutboxOp, ServerLead } from '../domain/lead-types'
import {
  decideRetry,
  DEFAULT_RETRY_OPTIONS,
  failureOf,
  type Failure,
  type RetryDecision,
  type RetryOptions,
  UNSENDABLE
} from '../domain/retry-policy'
import { applyPatch } from '../domain/patch-ops'
import { mergeUpdate, type UpdateMerge } from '../domain/three-way-merge'
import { leadSchemaOf } from '../metadata/lead-schema'
import { ServerRowCheck } from './server-rows'

/** Where the last sent edit of a lead is kept (sync cursors), for undo after sending. */
export const lastSentKey = (leadKey: number) => `sent.last.${leadKey}`

/** ORIGINATOR_ID of the leads this app creates; ORIGIN_ID is the create's client key. */
export const ORIGINATOR = 'lead-admin'
/** Leads read per list command when comparing with the portal (one page). */
const LEADS_PER_LOOKUP = 50

const { leads, productRows, leadContacts } = portalCommands

export interface PushContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
  now(): number
  /** After each write request: the caller re-reads what it shows. */
  onProgress(): void
  /** Backoff of failed ops (tests shorten it); the policy's defaults when absent. */
  retry?: RetryOptions
}

export interface PushSummary {
  sent: number
  conflicts: number
  parked: number
  /** The credentials stopped working: pushing waits for a new sign-in. */
  needsSignIn: boolean
}

/** One op per lead per round: a lead's next op is merged against the result of the one before. */
function firstPerLead(ops: readonly OutboxOp[]): OutboxOp[] {
  const seen = new Set<number>()
  return ops.filter((op) => !seen.has(op.leadKey) && seen.add(op.leadKey))
}

/** Up to 50 commands per request: writes, and one slot for reading back the leads created. */
function writeBatches(writes: readonly PlannedWrite[]): PlannedWrite[][] {
  const batches: PlannedWrite[][] = []
  let batch: PlannedWrite[] = []
  let creates = false
  for (const write of writes) {
    const isCreate = write.op.kind === 'create'
    if (batch.length + 1 + (creates || isCreate ? 1 : 0) > BATCH_LIMIT) {
      batches.push(batch)
      batch = []
      creates = false
    }
    batch.push(write)
    creates ||= isCreate
  }
  if (batch.length) batches.push(batch)
  return batches
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Reads leads from the portal by ID, 50 per list command and up to 50 commands per request, so a
 * whole round of updates is compared against the portal in one request.
 */
async function readLeads(context: PushContext, ids: number[]): Promise<Map<number, ServerLead>> {
  const found = new Map<number, ServerLead>()
  const check = ServerRowCheck.forStore(context.store, 'the leads read before a push')
  for (const requestIds of chunks(ids, LEADS_PER_LOOKUP * BATCH_LIMIT)) {
    const commands = Object.fromEntries(
      chunks(requestIds, LEADS_PER_LOOKUP).map((part, index) => [
        `l${index}`,
        leads.list({ filter: { '@ID': part }, select: FULL_SELECT, start: -1 })
      ])
    )
    const { outcomes } = await runCommands(context.client, commands, { signal: context.signal })
    for (const outcome of Object.values(outcomes)) {
      if (!outcome.ok) throw outcome.error
      for (const lead of check.allLeads(outcome.value, LEAD_LIST_METHOD)) found.set(Number(lead.ID), lead)
    }
  }
  return found
}

/** The command that reads the leads this app made with these client keys (at most 50), every field. */
const createdLeadsCommand = (keys: string[]) =>
  leads.list({ filter: { ORIGINATOR_ID: ORIGINATOR, '@ORIGIN_ID': keys }, select: FULL_SELECT, start: -1 })

function byOriginId(found: Iterable<ServerLead>): Map<string, ServerLead> {
  return new Map([...found].map((lead) => [String(lead.ORIGIN_ID), lead]))
}

const createdLeadsCheck = (store: LeadStore) => ServerRowCheck.forStore(store, 'the leads this app created')

/**
 * Ops that need the lead looked up by ORIGIN_ID first: a create that may have run before (its
 * answer lost), and the delete of a lead made offline whose create may have (it finds what to delete).
 */
const needsOriginLookup = (op: OutboxOp) =>
  op.clientKey !== undefined && ((op.kind === 'create' && op.attempts > 0) || (op.kind === 'delete' && op.leadKey < 0))

/** Leads that may have been made before: find them (every field) by their client key. */
async function findCreated(context: PushContext, creates: OutboxOp[]): Promise<Map<string, ServerLead>> {
  const keys = creates.map((op) => op.clientKey).filter((key): key is string => Boolean(key))
  const found = new Map<string, ServerLead>()
  for (const part of chunks(keys, LEADS_PER_LOOKUP)) {
    const { outcomes } = await runCommands(
      context.client,
      { find: createdLeadsCommand(part) },
      { signal: context.signal }
    )
    const outcome = outcomes.find
    if (!outcome.ok) throw outcome.error
    // Complete or not at all: a create missing from it would be made a second time.
    const leads = createdLeadsCheck(context.store).allLeads(outcome.value, LEAD_LIST_METHOD)
    for (const [key, lead] of byOriginId(leads)) found.set(key, lead)
  }
  return found
}

interface PlannedWrite {
  op: OutboxOp
  /** crm.lead.add answers the new ID; the other writes answer true or false. */
  command: PortalCommand<number | boolean>
  /** An update that met conflicts: once written, the op keeps only its conflicted part. */
  partial?: ConflictedWrite
}

interface ConflictedWrite {
  /** The lead as the portal will hold it after the write. */
  serverCopy: ServerLead
  /** The fields the portal will hold as the op sets them: those sent, and those it had already. */
  heldFields: string[]
}

function conflictedWrite(lead: ServerLead, merge: UpdateMerge): ConflictedWrite {
  return {
    serverCopy: { ...applyPatch(lead, merge.send), ID: lead.ID },
    heldFields: [...Object.keys(merge.send), ...merge.alreadyApplied]
  }
}

/**
 * The update's merge with the portal's lead. Its conflicts are recorded (an op merged again, as on
 * a retry, keeps one conflict per field and loses those that no longer hold); what is left to send
 * is returned, or the op is settled here when nothing is.
 */
function updateWrite(
  context: PushContext,
  op: OutboxOp,
  lead: ServerLead | undefined,
  hadConflicts: boolean,
  summary: PushSummary
): PlannedWrite | undefined {
  const { store } = context
  if (!lead) {
    store.recordConflicts(op, [{ kind: 'deleted' }])
    store.markOp(op.opId, {
      state: 'needs-attention',
      lastError: { code: 'DELETED_ON_PORTAL', message: 'The lead was deleted on the portal.', permanent: true }
    })
    summary.conflicts++
    return undefined
  }
  // Compared by each field's type: "5" and 5 in an integer userfield are no change.
  const merge = mergeUpdate({ base: op.base, mine: op.patch, theirs: lead, schema: leadSchemaOf(store.metadata()) })
  if (merge.conflicts.length || hadConflicts)
    store.recordConflicts(
      op,
      merge.conflicts.map((conflict) => ({ kind: 'field', ...conflict }))
    )
  summary.conflicts += merge.conflicts.length
  const partial = merge.conflicts.length ? conflictedWrite(lead, merge) : undefined
  if (Object.keys(merge.send).length === 0) {
    if (partial) store.keepConflictedPart(op.opId, partial.serverCopy, partial.heldFields)
    else store.completeOp(op.opId, lead)
    return undefined
  }
  return {
    op,
    command: leads.update(op.leadKey, merge.send),
    ...(partial ? { partial } : {})
  }
}

/**
 * A delete. One of a lead made offline deletes what its create may have made, found by ORIGIN_ID:
 * the lead takes that ID first; when the portal has no such lead there is nothing to delete.
 */
function deleteWrite(context: PushContext, op: OutboxOp, created: Map<string, ServerLead>): PlannedWrite | undefined {
  let id = op.leadKey
  if (id < 0) {
    const found = op.clientKey ? created.get(op.clientKey) : undefined
    if (!found) {
      context.store.completeOp(op.opId)
      return undefined
    }
    id = Number(found.ID)
    context.store.replaceLocalKey(op.leadKey, id)
  }
  return { op, command: leads.delete(id) }
}

/**
 * What each op sends. Updates are merged per field with the portal's current values first:
 * disjoint changes go through, fields changed on both sides become conflicts.
 */
function planWrites(
  context: PushContext,
  ops: OutboxOp[],
  current: Map<number, ServerLead>,
  created: Map<string, ServerLead>,
  summary: PushSummary
): PlannedWrite[] {
  const { store } = context
  const conflicted = new Set(store.listConflicts().map((conflict) => conflict.opId))
  const writes: PlannedWrite[] = []
  const plan = (write: PlannedWrite | undefined) => write && writes.push(write)
  for (const op of ops) {
    switch (op.kind) {
      case 'create': {
        const existing = op.clientKey ? created.get(op.clientKey) : undefined
        if (existing) {
          // The portal has it already (an answer was lost): take its ID, do not create it twice.
          store.adoptFoundCreate(op.opId, existing)
          continue
        }
        const fields = { ...op.patch, ORIGINATOR_ID: ORIGINATOR, ORIGIN_ID: op.clientKey }
        writes.push({ op, command: leads.add(fields) })
        continue
      }
      case 'update':
        plan(updateWrite(context, op, current.get(op.leadKey), conflicted.has(op.opId), summary))
        continue
      case 'delete':
        plan(deleteWrite(context, op, created))
        continue
      // Their payloads were checked against the rows and contact bindings the portal takes when queued.
      case 'productrows':
        writes.push({ op, command: productRows.set(op.leadKey, op.patch.rows as ProductRowInput[]) })
        continue
      case 'contacts':
        writes.push({
          op,
          // Inside a batch an empty list is lost in the query (the portal then says items must be
          // an array): no contacts at all is asked for with items.delete.
          command: op.patch.items.length
            ? leadContacts.items.set(op.leadKey, op.patch.items)
            : leadContacts.items.delete(op.leadKey)
        })
    }
  }
  return writes
}

/** Applies one op's outcome: done, or what the retry policy decides. */
function settle(
  context: PushContext,
  write: PlannedWrite,
  outcome: TypedOutcome<number | boolean>,
  summary: PushSummary,
  createdLeads: Map<string, ServerLead>
): void {
  const { store } = context
  const { op } = write
  if (outcome.ok) {
    if (op.kind === 'create') {
      // One step (a crash between re-keying and completing would leave a create that cannot finish),
      // with the lead as the portal made it, so later edits of it merge against its real values.
      const id = Number(outcome.value)
      const copy = op.clientKey ? createdLeads.get(op.clientKey) : undefined
      store.completeCreate(op.opId, id, copy && Number(copy.ID) === id ? copy : undefined)
    } else if (write.partial) {
      // The disjoint part went through; the op now holds only what waits for the user.
      store.keepConflictedPart(op.opId, write.partial.serverCopy, write.partial.heldFields)
    } else {
      // The last sent edit of a lead is kept, so it can still be undone (by a compensating update).
      if (op.kind === 'update') store.setCursor(lastSentKey(op.leadKey), { patch: op.patch, base: op.base })
      store.completeOp(op.opId)
    }
    summary.sent++
    return
  }
  applyDecision(context, op, retryDecision(context, op, failureOf(outcome.error)), summary)
}

const retryDecision = (context: PushContext, op: OutboxOp, failure: Failure): RetryDecision =>
  decideRetry(op, failure, context.now(), context.retry ?? DEFAULT_RETRY_OPTIONS)

function applyDecision(context: PushContext, op: OutboxOp, decision: RetryDecision, summary: PushSummary): void {
  const { store } = context
  switch (decision.action) {
    case 'retry':
      store.markOp(op.opId, {
        state: 'pending',
        attempts: decision.attempts,
        nextAttemptAt: decision.at,
        lastError: decision.lastError
      })
      return
    case 'park':
      store.markOp(op.opId, { state: 'needs-attention', attempts: decision.attempts, lastError: decision.lastError })
      summary.parked++
      return
    case 'await-sign-in':
      store.markOp(op.opId, { state: 'pending', lastError: decision.lastError })
      summary.needsSignIn = true
      return
    case 'lead-deleted':
      store.recordConflicts(op, [{ kind: 'deleted' }])
      store.markOp(op.opId, { state: 'needs-attention', lastError: decision.lastError })
      summary.conflicts++
      return
    case 'done':
      store.completeOp(op.opId)
  }
}

/**
 * Push before pull (docs/architecture.md §5): sends every due outbox op, up to 50 writes per request.
 * Each round takes the first due op of each lead, compares updates with the portal (one request
 * per 2,500 leads), then writes. Failures follow the retry policy: retried on a timer, parked with
 * the portal's message, or held for a new sign-in — never blocking the rest of the queue.
 */
export async function pushOutbox(context: PushContext): Promise<PushSummary> {
  const { store, signal } = context
  const summary: PushSummary = { sent: 0, conflicts: 0, parked: 0, needsSignIn: false }
  for (;;) {
    signal.throwIfAborted()
    const ops = firstPerLead(store.nextOps(context.now(), 5000))
    if (!ops.length || summary.needsSignIn) return summary
    // The round is on its way from here on: while push compares it with the portal and sends it,
    // an undo, discard or conflict decision waits (they refuse an op being sent).
    store.atomically(() => ops.forEach((op) => store.markOp(op.opId, { state: 'sending' })))
    try {
      const sentRound = await pushRound(context, ops, summary)
      if (!sentRound) return summary
    } finally {
      // Whatever failed half way (not a portal's answer) leaves no op stuck as 'sending'.
      returnInterruptedOps(store, ops)
    }
  }
}

/** One round: compare with the portal, then write. False when the portal could not be asked. */
async function pushRound(context: PushContext, ops: OutboxOp[], summary: PushSummary): Promise<boolean> {
  const { store, signal } = context
  const lookups = ops.filter(needsOriginLookup)
  const updates = ops.filter((op) => op.kind === 'update')
  let current: Map<number, ServerLead>
  let created: Map<string, ServerLead>
  try {
    created = lookups.length ? await findCreated(context, lookups) : new Map()
    current = updates.length
      ? await readLeads(
          context,
          updates.map((op) => op.leadKey)
        )
      : new Map()
  } catch (error) {
    holdUnsentRound(context, ops, error, summary)
    return false
  }
  const writes = sendableWrites(context, planWrites(context, ops, current, created, summary), summary)
  // Ops settled without a write (merged away, conflicted, found on the portal) are not on their way.
  const writing = new Set(writes.map(({ op }) => op.opId))
  for (const op of ops) if (!writing.has(op.opId)) releaseIfSending(store, op.opId)
  for (const part of writeBatches(writes)) {
    const commands: BatchCommands = Object.fromEntries(part.map((write, index) => [`w${index}`, write.command]))
    const createKeys = part.flatMap(({ op }) => (op.kind === 'create' && op.clientKey ? [op.clientKey] : []))
    // The new leads are read back in the same request, after the writes: every field they got.
    const readBack = createKeys.length ? createdLeadsCommand(createKeys) : undefined
    if (readBack) commands.created = readBack
    try {
      const { outcomes } = await runBatch(context.client, commands, { signal })
      const created = readBack && outcomes.created ? outcomeOf(readBack, outcomes.created) : undefined
      // Only what can be read: the writes ran, whatever the read-back says.
      const createdLeads = created?.ok
        ? byOriginId(createdLeadsCheck(context.store).leads(created.value))
        : new Map<string, ServerLead>()
      part.forEach((write, index) =>
        settle(context, write, outcomeOf(write.command, outcomes[`w${index}`]!), summary, createdLeads)
      )
    } catch (error) {
      // The whole request failed in transit: any of its writes may have reached the portal.
      for (const { op } of part) applyDecision(context, op, retryDecision(context, op, failureOf(error)), summary)
    }
    context.onProgress()
  }
  return true
}

/**
 * The writes whose requests can be built. One that cannot (text that is not well-formed Unicode
 * cannot be URL-encoded, a number JSON cannot hold, ...) fails the same way on every try and would
 * fail the whole batch with it: it is parked at once, as refused, with nothing sent.
 */
function sendableWrites(context: PushContext, writes: PlannedWrite[], summary: PushSummary): PlannedWrite[] {
  return writes.filter((write) => {
    try {
      commandQuery(write.command)
      return true
    } catch (error) {
      const problem =
        error instanceof URIError
          ? 'it holds text that is not well-formed Unicode (a lone surrogate)'
          : error instanceof Error
            ? error.message
            : String(error)
      context.store.markOp(write.op.opId, {
        state: 'needs-attention',
        lastError: { code: UNSENDABLE, message: `This change cannot be sent: ${problem}.`, permanent: true }
      })
      summary.parked++
      return false
    }
  })
}

/**
 * The portal could not be asked about the round: nothing of it was sent. Each op waits for its
 * next try as the policy says (a try that keeps failing is parked with the portal's message).
 */
function holdUnsentRound(context: PushContext, ops: OutboxOp[], error: unknown, summary: PushSummary): void {
  const failure = { ...failureOf(error), maybeExecuted: false }
  for (const op of ops) applyDecision(context, op, retryDecision(context, op, failure), summary)
}

function releaseIfSending(store: LeadStore, opId: string): void {
  if (store.getOp(opId)?.state === 'sending') store.markOp(opId, { state: 'pending' })
}

/**
 * Ops left 'sending' when a run stopped without their outcome (the app quit, or something failed
 * half way): they may have reached the portal, so they go again as a try that may have run —
 * updates are compared with the portal first, creates looked up by their client key.
 */
export function returnInterruptedOps(store: LeadStore, ops: readonly OutboxOp[]): void {
  for (const { opId } of ops) {
    const op = store.getOp(opId)
    if (op?.state !== 'sending') continue
    store.markOp(opId, {
      state: 'pending',
      attempts: op.attempts + 1,
      lastError: { code: 'INTERRUPTED', message: 'The app stopped while this change was being sent.', permanent: false }
    })
  }
}
