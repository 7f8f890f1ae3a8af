import { randomUUID } from 'node:crypto'
import type { BulkResult, BulkStatus, BulkTarget, BulkUndoResult } from '../../contract'
import type { FieldPatch, LeadKey, OutboxOp } from '../domain/lead-types'
import { AppError } from '../errors'
import type { LeadStore } from '../store/lead-store'

/** Keys read per query when a bulk change is for every lead matching a filter. */
const KEYS_PER_READ = 1000

/** What the store keeps of a bulk change, under `bulk:<id>`: enough to report on it and take it back. */
interface BulkRecord {
  kind: BulkStatus['kind']
  fields: string[]
  opIds: string[]
  withdrawn: string[]
  createdAt: number
}

const recordKey = (bulkId: string) => `bulk:${bulkId}`

/**
 * The keys of the target leads: those given that are held locally, or every lead matching the
 * filter and search, read in key order a thousand at a time (each read starts after the last key,
 * so it costs the same wherever it is).
 */
export function targetKeys(store: LeadStore, target: BulkTarget): LeadKey[] {
  if ('keys' in target) return [...new Set(target.keys)].filter((key) => store.getLead(key) !== undefined)
  const keys: LeadKey[] = []
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const page = store.queryGrid({
      filter: [...(target.query.filter ?? []), { field: 'ID', op: '>', value: after }],
      search: target.query.search,
      sort: [{ field: 'ID', direction: 'asc' }],
      offset: 0,
      limit: KEYS_PER_READ
    })
    keys.push(...page.rows.map((row) => row.key))
    if (page.rows.length < KEYS_PER_READ) return keys
    after = page.rows.at(-1)!.key
  }
}

/** A lead with a change waiting for the user: a new change would wait behind it, so it is left alone. */
function waitsForUser(store: LeadStore, key: LeadKey): boolean {
  return store.listOps(key).some((op) => op.state === 'needs-attention')
}

/**
 * Sets the same fields on every lead, in one transaction: each lead gets its own update (pushed
 * with the others, up to 50 per request), and the bulk change remembers them to be taken back as
 * one step. `check` validates the patch for a lead the portal has (update) or not yet (create).
 */
export function bulkEdit(
  store: LeadStore,
  keys: readonly LeadKey[],
  patch: FieldPatch,
  check: (patch: FieldPatch, mode: 'update' | 'create') => FieldPatch
): BulkResult {
  const checked = { update: check(patch, 'update'), create: undefined as FieldPatch | undefined }
  return record(store, 'edit', Object.keys(checked.update), keys, (key) => {
    const lead = store.getLead(key)!
    const normalised = lead.server ? checked.update : (checked.create ??= check(patch, 'create'))
    const base = Object.fromEntries(Object.keys(normalised).map((field) => [field, lead.server?.[field] ?? null]))
    return store.applyLocalEdit(key, normalised, base)
  })
}

/** Deletes every lead, in one transaction (leads the portal never saw simply go). */
export function bulkDelete(store: LeadStore, keys: readonly LeadKey[]): BulkResult {
  return record(store, 'delete', [], keys, (key) => store.deleteLocalLead(key))
}

function record(
  store: LeadStore,
  kind: BulkRecord['kind'],
  fields: string[],
  keys: readonly LeadKey[],
  change: (key: LeadKey) => OutboxOp | undefined
): BulkResult {
  const bulkId = randomUUID()
  return store.atomically(() => {
    const opIds: string[] = []
    let skipped = 0
    for (const key of keys) {
      if (waitsForUser(store, key)) {
        skipped++
        continue
      }
      const op = change(key)
      if (op) opIds.push(op.opId)
    }
    const bulk: BulkRecord = { kind, fields, opIds, withdrawn: [], createdAt: Date.now() }
    store.setCursor(recordKey(bulkId), bulk)
    return { bulkId, leads: keys.length - skipped, skipped }
  })
}

function readRecord(store: LeadStore, bulkId: string): BulkRecord {
  const bulk = store.getCursor<BulkRecord>(recordKey(bulkId))
  if (!bulk)
    throw new AppError('NOT_FOUND', 'This bulk change is not known (it was made on another computer, or removed).')
  return bulk
}

/** Where the bulk change's updates stand: an op no longer in the outbox was taken by the portal. */
export function bulkStatus(store: LeadStore, bulkId: string): BulkStatus {
  const bulk = readRecord(store, bulkId)
  const withdrawn = new Set(bulk.withdrawn)
  const counts = { sent: 0, failed: 0, unsent: 0 }
  for (const opId of bulk.opIds) {
    if (withdrawn.has(opId)) continue
    const op = store.getOp(opId)
    if (!op || op.state === 'done') counts.sent++
    else if (op.state === 'needs-attention') counts.failed++
    else counts.unsent++
  }
  return {
    bulkId,
    kind: bulk.kind,
    fields: bulk.fields,
    total: bulk.opIds.length,
    ...counts,
    withdrawn: withdrawn.size,
    createdAt: new Date(bulk.createdAt).toISOString()
  }
}

/** Takes back every update of the bulk change that is not sent yet, in one transaction. */
export function undoBulk(store: LeadStore, bulkId: string): BulkUndoResult {
  return store.atomically(() => {
    const bulk = readRecord(store, bulkId)
    const withdrawn = new Set(bulk.withdrawn)
    let kept = 0
    for (const opId of bulk.opIds) {
      if (withdrawn.has(opId)) continue
      const op = store.getOp(opId)
      if (op && op.state !== 'done' && op.state !== 'sending' && store.withdrawOp(opId)) withdrawn.add(opId)
      else kept++
    }
    const before = bulk.withdrawn.length
    store.setCursor(recordKey(bulkId), { ...bulk, withdrawn: [...withdrawn] })
    return { withdrawn: withdrawn.size - before, kept }
  })
}
