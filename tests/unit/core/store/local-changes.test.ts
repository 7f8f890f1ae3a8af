import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LeadStore } from '../../../../electron/core/store/lead-store'
import { outboxEntries } from '../../../../electron/core/leads/outbox-entries'
import { fileStore, gridKeys, serverLead } from './store-fixtures'
import { storeMetadata } from '../../../support/metadata'

let fixture: ReturnType<typeof fileStore>
let store: LeadStore
let clock: number
beforeEach(() => {
  clock = 1_000
  fixture = fileStore(() => clock)
  store = fixture.store
  store.upsertServerLeads([serverLead(1, { NAME: 'Ann', COMMENTS: 'c' }), serverLead(2), serverLead(3)], { full: true })
})
afterEach(() => fixture.cleanup())

const syncStates = (): Record<number, string> =>
  Object.fromEntries(store.queryGrid({ offset: 0, limit: 100 }).rows.map((row) => [row.key, row.syncState]))

describe('applyLocalEdit', () => {
  it('merges the patch with the earlier unsent one and queues an update op per edit', () => {
    const first = store.applyLocalEdit(1, { TITLE: 'A', NAME: 'Anna' }, { TITLE: 'Lead #1', NAME: 'Ann' })
    clock = 2_000
    const second = store.applyLocalEdit(1, { TITLE: 'B' }, { TITLE: 'Lead #1' })
    expect(store.getLead(1)?.local).toEqual({ TITLE: 'B', NAME: 'Anna' })
    expect(first).toEqual({
      opId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      seq: 1,
      kind: 'update',
      leadKey: 1,
      patch: { TITLE: 'A', NAME: 'Anna' },
      base: { TITLE: 'Lead #1', NAME: 'Ann' },
      attempts: 0,
      state: 'pending',
      nextAttemptAt: 1_000,
      createdAt: 1_000
    })
    expect(second).toMatchObject({ seq: 2, patch: { TITLE: 'B' }, createdAt: 2_000 })
    expect(store.listOps(1).map((op) => op.opId)).toEqual([first.opId, second.opId])
    expect(syncStates()).toEqual({ 1: 'pending', 2: 'synced', 3: 'synced' })
    expect(store.unsentCount()).toBe(2)
  })

  it('a phone added locally joins the server ones (items without ID are added); userfields replace as a whole', () => {
    store.upsertServerLeads([serverLead(2, { PHONE: [{ ID: '1', VALUE: '111' }], UF_CRM_TAGS: ['a', 'b'] })], {
      full: true
    })
    store.applyLocalEdit(2, { PHONE: [{ VALUE: '222', VALUE_TYPE: 'WORK' }], UF_CRM_TAGS: ['c'] }, {})
    const row = store.queryGrid({ offset: 0, limit: 1, filter: [{ field: 'ID', op: '=', value: 2 }] }).rows[0]!
    expect(row.values).toEqual(
      serverLead(2, {
        PHONE: [
          { ID: '1', VALUE_TYPE: 'WORK', VALUE: '111', TYPE_ID: 'PHONE' },
          { VALUE_TYPE: 'WORK', VALUE: '222', TYPE_ID: 'PHONE' }
        ],
        UF_CRM_TAGS: ['c']
      })
    )
  })

  it('two unsent edits of the same multifield both show, in order', () => {
    store.upsertServerLeads([serverLead(3, { EMAIL: [{ ID: '7', VALUE: 'old@example.com', VALUE_TYPE: 'WORK' }] })], {
      full: true
    })
    store.applyLocalEdit(3, { EMAIL: [{ VALUE: 'new@example.com', VALUE_TYPE: 'WORK' }] }, {})
    // The first edit is on its way: the second one becomes an op of its own.
    store.markOp(store.listOps(3)[0]!.opId, { state: 'sending' })
    store.applyLocalEdit(3, { EMAIL: [{ ID: '7', DELETE: 'Y' }] }, {})
    expect(store.listOps(3)).toHaveLength(2)
    const row = store.queryGrid({ offset: 0, limit: 1, filter: [{ field: 'ID', op: '=', value: 3 }] }).rows[0]!
    expect(row.values.EMAIL).toEqual([{ VALUE_TYPE: 'WORK', VALUE: 'new@example.com', TYPE_ID: 'EMAIL' }])
  })

  it('a sent delete of the last e-mail leaves the lead with none', () => {
    store.upsertServerLeads([serverLead(4, { EMAIL: [{ ID: '8', VALUE: 'only@example.com', VALUE_TYPE: 'WORK' }] })], {
      full: true
    })
    const op = store.applyLocalEdit(4, { EMAIL: [{ ID: '8', DELETE: 'Y' }] }, {})
    store.completeOp(op.opId)
    expect(store.getLead(4)!.server).not.toHaveProperty('EMAIL')
  })

  it('writes nothing when the transaction fails half way', () => {
    const raw = fixture.raw()
    // The op is inserted first; the lead's documents are written after it — and fail.
    raw.exec("CREATE TRIGGER fail_docs BEFORE UPDATE ON lead_docs BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    expect(() => store.applyLocalEdit(1, { TITLE: 'lost?' }, { TITLE: 'Lead #1' })).toThrow('disk full')
    expect(store.listOps()).toEqual([])
    expect(store.getLead(1)?.local).toBeNull()
    expect(syncStates()[1]).toBe('synced')
    raw.exec('DROP TRIGGER fail_docs')
    expect(store.applyLocalEdit(1, { TITLE: 'kept' }, { TITLE: 'Lead #1' }).seq).toBeGreaterThan(0)
    expect(store.getLead(1)?.local).toEqual({ TITLE: 'kept' })
  })

  it('refuses unknown leads and bad field names', () => {
    expect(() => store.applyLocalEdit(42, { TITLE: 'x' }, {})).toThrow('There is no lead 42 in the local store.')
    expect(() => store.applyLocalEdit(1, { 'TITLE; DROP TABLE leads': 'x' }, {})).toThrow('is not a field code')
    expect(() => store.applyLocalEdit(1, { ID: '5' }, {})).toThrow('ID cannot be set')
    expect(() => store.applyLocalEdit(1, {}, {})).toThrow('nothing to change')
  })
})

describe('createLocalLead and replaceLocalKey', () => {
  it('gives negative keys never reused, and a create op with the client key', () => {
    const a = store.createLocalLead({ TITLE: 'Новый', PHONE: [{ VALUE: '+7 900 000-00-01' }] }, 'client-a')
    const b = store.createLocalLead({ TITLE: 'Second' }, 'client-b')
    expect([a.key, b.key]).toEqual([-1, -2])
    expect(a.op).toMatchObject({ kind: 'create', leadKey: -1, clientKey: 'client-a', patch: { TITLE: 'Новый' } })
    expect(store.getLead(-1)).toEqual({
      key: -1,
      server: null,
      local: { TITLE: 'Новый', PHONE: [{ VALUE: '+7 900 000-00-01' }] },
      hasFull: false
    })
    expect(gridKeys(store, { search: 'нов' })).toEqual([-1])
    store.deleteLocalLead(-2)
    expect(store.createLocalLead({ TITLE: 'Third' }, 'client-c').key).toBe(-3)
  })

  it('writes nothing when queuing the create fails', () => {
    const raw = fixture.raw()
    raw.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'no space'); END")
    expect(() => store.createLocalLead({ TITLE: 'x' }, 'client-x')).toThrow('no space')
    expect(store.getLead(-1)).toBeUndefined()
    expect(gridKeys(store).sort()).toEqual([1, 2, 3])
    raw.exec('DROP TRIGGER fail_outbox')
    // The counter was rolled back with the rest.
    expect(store.createLocalLead({ TITLE: 'x' }, 'client-x').key).toBe(-1)
  })

  it('moves the row, its ops, conflicts and search entry to the portal ID', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'Offline lead' }, 'client-a')
    const edit = store.applyLocalEdit(key, { NAME: 'Ivan' }, {})
    const conflict = store.addConflict({ leadKey: key, opId: edit.opId, kind: 'field', field: 'NAME', mine: 'Ivan' })
    store.replaceLocalKey(key, 500)

    expect(store.getLead(key)).toBeUndefined()
    expect(store.getLead(500)).toMatchObject({ server: null, local: { TITLE: 'Offline lead', NAME: 'Ivan' } })
    expect(store.listOps(500).map((moved) => [moved.opId, moved.leadKey])).toEqual([
      [op.opId, 500],
      [edit.opId, 500]
    ])
    expect(store.listConflicts(500)).toEqual([{ ...conflict, leadKey: 500 }])
    expect(gridKeys(store, { search: 'offline' })).toEqual([500])
    expect(syncStates()[500]).toBe('conflict')

    store.completeOp(op.opId)
    expect(store.getLead(500)).toEqual({
      key: 500,
      server: { ID: '500', TITLE: 'Offline lead' },
      local: { NAME: 'Ivan' },
      hasFull: false
    })
  })

  it('joins a lead that a pull already brought under the portal ID', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'Offline lead' }, 'client-a')
    const edit = store.applyLocalEdit(key, { NAME: 'Ivan' }, {})
    store.upsertServerLeads([serverLead(500, { TITLE: 'Offline lead', DATE_CREATE: '2024-05-23T18:18:25+02:00' })], {
      full: true
    })
    store.replaceLocalKey(key, 500)
    expect(store.getLead(key)).toBeUndefined()
    expect(store.getLead(500)).toEqual({
      key: 500,
      server: serverLead(500, { TITLE: 'Offline lead', DATE_CREATE: '2024-05-23T18:18:25+02:00' }),
      local: { TITLE: 'Offline lead', NAME: 'Ivan' },
      hasFull: true
    })
    expect(store.listOps(500).map((moved) => moved.opId)).toEqual([op.opId, edit.opId])
    expect(gridKeys(store, { search: 'offline' })).toEqual([500])
  })

  it('refuses keys of the wrong sign', () => {
    expect(() => store.replaceLocalKey(1, 2)).toThrow('Not a temporary lead key: 1')
    store.createLocalLead({ TITLE: 'x' }, 'c')
    expect(() => store.replaceLocalKey(-1, -5)).toThrow('Not a portal lead ID: -5')
    expect(() => store.replaceLocalKey(-9, 5)).toThrow('There is no lead -9')
  })
})

describe('deleteLocalLead', () => {
  it('queues a delete and hides the lead; a parked delete shows it again with its error', () => {
    const op = store.deleteLocalLead(2)!
    expect(op).toMatchObject({ kind: 'delete', leadKey: 2, patch: {}, state: 'pending' })
    expect(store.deleteLocalLead(2)).toEqual(op)
    expect(gridKeys(store).sort()).toEqual([1, 3])
    expect(store.facets({}).STATUS_ID).toEqual({ NEW: 2 })

    store.markOp(op.opId, {
      state: 'needs-attention',
      lastError: { code: 'ACCESS_DENIED', message: 'Access denied.', permanent: true }
    })
    expect(gridKeys(store).sort()).toEqual([1, 2, 3])
    expect(syncStates()[2]).toBe('error')
    expect(store.getOp(op.opId)?.lastError).toEqual({
      code: 'ACCESS_DENIED',
      message: 'Access denied.',
      permanent: true
    })

    store.markOp(op.opId, { state: 'pending', lastError: null })
    expect(store.getOp(op.opId)?.lastError).toBeUndefined()
    store.completeOp(op.opId)
    expect(store.getLead(2)).toBeUndefined()
  })

  it('drops a lead the portal never saw, with its ops', () => {
    const { key } = store.createLocalLead({ TITLE: 'draft' }, 'client')
    store.applyLocalEdit(key, { NAME: 'x' }, {})
    expect(store.deleteLocalLead(key)).toBeUndefined()
    expect(store.getLead(key)).toBeUndefined()
    expect(store.listOps()).toEqual([])
  })

  it('queues a delete for a local lead whose create is being sent', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'draft' }, 'client')
    store.markOp(op.opId, { state: 'sending' })
    expect(store.deleteLocalLead(key)).toMatchObject({ kind: 'delete', leadKey: key })
    expect(store.listOps(key).map((queued) => queued.kind)).toEqual(['create', 'delete'])
  })
})

describe('outbox', () => {
  it('nextOps: due ops in seq order, per lead only behind ops that may go too', () => {
    const a1 = store.applyLocalEdit(1, { TITLE: 'a1' }, {})
    const b1 = store.applyLocalEdit(2, { TITLE: 'b1' }, {})
    const a2 = store.applyLocalEdit(1, { TITLE: 'a2' }, {})
    const c1 = store.applyLocalEdit(3, { TITLE: 'c1' }, {})
    const c2 = store.applyLocalEdit(3, { TITLE: 'c2' }, {})
    const ids = (now: number, limit = 10): string[] => store.nextOps(now, limit).map((op) => op.opId)

    expect(ids(1_000)).toEqual([a1.opId, b1.opId, a2.opId, c1.opId, c2.opId])
    expect(ids(1_000, 2)).toEqual([a1.opId, b1.opId])
    expect(ids(999)).toEqual([])

    store.markOp(a1.opId, { state: 'sending', attempts: 1 })
    store.markOp(b1.opId, { state: 'needs-attention' })
    store.markOp(c1.opId, { nextAttemptAt: 5_000, attempts: 1 })
    // Lead 1 waits for a1, lead 2 has nothing else, lead 3's c2 waits for c1's backoff.
    expect(ids(1_000)).toEqual([])
    expect(ids(5_000)).toEqual([c1.opId, c2.opId])
    expect(store.outboxCounts()).toEqual({ pending: 3, sending: 1, 'needs-attention': 1, done: 0 })
    expect(store.unsentCount()).toBe(5)

    store.completeOp(a1.opId)
    expect(ids(1_000)).toEqual([a2.opId])
  })

  it('ops behind a parked op of their lead are counted and listed as waiting for it', () => {
    const a1 = store.applyLocalEdit(1, { TITLE: 'a1' }, {})
    const b1 = store.applyLocalEdit(2, { TITLE: 'b1' }, {})
    const a2 = store.queueLeadOp(1, 'contacts', { items: [] })
    const a3 = store.queueLeadOp(1, 'productrows', { rows: [] })
    const c1 = store.applyLocalEdit(3, { TITLE: 'c1' }, {})
    expect(store.waitingBehindCount()).toBe(0)

    store.markOp(a1.opId, { state: 'needs-attention', lastError: { code: 'X', message: 'refused', permanent: true } })
    store.markOp(c1.opId, { state: 'needs-attention' })
    // Lead 1's two later ops wait for a1; lead 3 has nothing behind c1; lead 2 goes on its own.
    expect(store.waitingBehindCount()).toBe(2)
    const entries = outboxEntries(store.listOps(), store.listConflicts())
    const entry = (opId: string) => entries.find((candidate) => candidate.opId === opId)
    expect(entry(a1.opId)).toMatchObject({ waitingBehind: 2 })
    expect(entry(a1.opId)).not.toHaveProperty('blockedBy')
    expect(entry(a2.opId)).toMatchObject({ blockedBy: a1.opId })
    expect(entry(a3.opId)).toMatchObject({ blockedBy: a1.opId })
    expect(entry(b1.opId)).not.toHaveProperty('blockedBy')
    expect(entry(c1.opId)).not.toHaveProperty('waitingBehind')

    // Once the parked op goes again, nothing waits behind it.
    store.markOp(a1.opId, { state: 'pending', lastError: null })
    expect(store.waitingBehindCount()).toBe(0)
    expect(outboxEntries(store.listOps(), []).some((op) => op.blockedBy || op.waitingBehind)).toBe(false)
  })

  it('completeOp folds the values into the server copy; a given server copy is merged in', () => {
    const first = store.applyLocalEdit(1, { TITLE: 'one', NAME: 'Anna' }, {})
    const second = store.applyLocalEdit(1, { TITLE: 'two' }, {})
    expect(store.completeOp(first.opId)).toBe(true)
    expect(store.getLead(1)).toMatchObject({
      server: serverLead(1, { TITLE: 'one', NAME: 'Anna', COMMENTS: 'c' }),
      local: { TITLE: 'two' }
    })
    expect(syncStates()[1]).toBe('pending')
    expect(
      store.completeOp(second.opId, serverLead(1, { TITLE: 'two', DATE_MODIFY: '2024-05-23T18:18:25+02:00' }))
    ).toBe(true)
    expect(store.getLead(1)).toMatchObject({
      server: serverLead(1, { TITLE: 'two', NAME: 'Anna', COMMENTS: 'c', DATE_MODIFY: '2024-05-23T18:18:25+02:00' }),
      local: null
    })
    expect(syncStates()[1]).toBe('synced')
    expect(store.completeOp(second.opId)).toBe(false)
    const third = store.applyLocalEdit(1, { TITLE: 'three' }, {})
    expect(() => store.completeOp(third.opId, serverLead(2))).toThrow('The server copy is of lead 2, not 1.')
  })

  it('completeOp rebases the later unsent edits of the lead on the values it wrote', () => {
    // Two edits of one field: the second was made on top of the first, not of the old value.
    const first = store.applyLocalEdit(1, { TITLE: 'one', NAME: 'Anna' }, { TITLE: 'Lead #1', NAME: 'Ann' })
    const second = store.applyLocalEdit(1, { TITLE: 'two', COMMENTS: 'd' }, { TITLE: 'Lead #1', COMMENTS: 'c' })
    store.completeOp(first.opId)
    expect(store.getOp(second.opId)).toMatchObject({
      patch: { TITLE: 'two', COMMENTS: 'd' },
      base: { TITLE: 'one', COMMENTS: 'c' }
    })
  })

  it('completeOp applies multifield item changes to the server copy instead of replacing its items', () => {
    store.upsertServerLeads([serverLead(2, { PHONE: [{ ID: '7', VALUE_TYPE: 'WORK', VALUE: '111' }] })], {
      full: true
    })
    const op = store.applyLocalEdit(2, { PHONE: [{ VALUE: '222', VALUE_TYPE: 'HOME' }] }, {})
    store.completeOp(op.opId)
    expect(store.getLead(2)?.server?.PHONE).toEqual([
      { ID: '7', VALUE_TYPE: 'WORK', VALUE: '111', TYPE_ID: 'PHONE' },
      { VALUE_TYPE: 'HOME', VALUE: '222', TYPE_ID: 'PHONE' }
    ])
  })

  it('completeCreate re-keys and completes in one step, and rebases later edits on the lead as made', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'Offline lead' }, 'client-a')
    // Edits made before the create went out: their base is "nothing" (the lead was local only).
    const edit = store.applyLocalEdit(
      key,
      { TITLE: 'Renamed', STATUS_ID: 'IN_PROCESS' },
      { TITLE: null, STATUS_ID: null }
    )
    const made = serverLead(500, { TITLE: 'Offline lead', STATUS_ID: 'NEW', ORIGIN_ID: 'client-a' })
    expect(store.completeCreate(op.opId, 500, made)).toBe(true)
    expect(store.getOp(op.opId)).toBeUndefined()
    expect(store.getLead(500)).toMatchObject({ server: made, local: { TITLE: 'Renamed', STATUS_ID: 'IN_PROCESS' } })
    // The portal's default stage is no one's change: it is the base now, so no conflict follows.
    expect(store.getOp(edit.opId)).toMatchObject({ leadKey: 500, base: { TITLE: 'Offline lead', STATUS_ID: 'NEW' } })
    expect(store.completeCreate(op.opId, 501)).toBe(false)
  })

  it('completeCreate changes nothing when it fails half way (no re-keyed lead with an unfinished create)', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'Offline lead' }, 'client-a')
    const raw = fixture.raw()
    // Re-keying works; removing the done op fails.
    raw.exec("CREATE TRIGGER fail_done BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    expect(() => store.completeCreate(op.opId, 500)).toThrow('disk full')
    raw.exec('DROP TRIGGER fail_done')
    expect(store.getLead(500)).toBeUndefined()
    expect(store.getOp(op.opId)).toMatchObject({ leadKey: key, kind: 'create', state: 'pending' })
  })

  it('removeOp undoes an unsent edit; removing a create drops the local lead', () => {
    const first = store.applyLocalEdit(1, { TITLE: 'one', NAME: 'Anna' }, {})
    const second = store.applyLocalEdit(1, { TITLE: 'two' }, {})
    expect(store.removeOp(second.opId)).toBe(true)
    expect(store.getLead(1)?.local).toEqual({ TITLE: 'one', NAME: 'Anna' })
    store.removeOp(first.opId)
    expect(store.getLead(1)?.local).toBeNull()
    expect(gridKeys(store, { filter: [{ field: 'TITLE', op: '=', value: 'Lead #1' }] })).toEqual([1])
    expect(syncStates()[1]).toBe('synced')
    expect(store.removeOp(first.opId)).toBe(false)

    const { key, op } = store.createLocalLead({ TITLE: 'draft' }, 'client')
    store.removeOp(op.opId)
    expect(store.getLead(key)).toBeUndefined()
  })

  it('markOp can correct a parked value, which the grid then shows', () => {
    const op = store.applyLocalEdit(1, { OPPORTUNITY: 'abc' }, {})
    store.markOp(op.opId, { state: 'needs-attention', attempts: 1 })
    expect(store.markOp(op.opId, { state: 'pending', patch: { OPPORTUNITY: '150' } })).toBe(true)
    expect(store.getOp(op.opId)).toMatchObject({ state: 'pending', attempts: 1, patch: { OPPORTUNITY: '150' } })
    expect(gridKeys(store, { filter: [{ field: 'OPPORTUNITY', op: '=', value: 150 }] })).toEqual([1])
    expect(store.markOp('missing', { state: 'done' })).toBe(false)
  })

  it('productrows and contacts ops are queued in order but never touch the local patch', () => {
    const rows = store.queueLeadOp(1, 'productrows', { rows: [{ PRODUCT_ID: 1, PRICE: 5, QUANTITY: 2 }] })
    const contacts = store.queueLeadOp(1, 'contacts', { items: [{ CONTACT_ID: 3 }] })
    expect([rows.kind, contacts.kind]).toEqual(['productrows', 'contacts'])
    expect(store.getLead(1)?.local).toBeNull()
    expect(syncStates()[1]).toBe('pending')
  })
})

describe('sync states and conflicts', () => {
  it('conflict before error before pending before synced', () => {
    const edit = store.applyLocalEdit(1, { TITLE: 'x' }, {})
    store.applyLocalEdit(2, { TITLE: 'y' }, {})
    const parked = store.applyLocalEdit(2, { TITLE: 'z' }, {})
    store.markOp(parked.opId, { state: 'needs-attention' })
    const conflict = store.addConflict({
      leadKey: 1,
      opId: edit.opId,
      kind: 'field',
      field: 'TITLE',
      base: 'Lead #1',
      mine: 'x',
      theirs: null
    })
    expect(conflict).toEqual({
      id: 1,
      leadKey: 1,
      opId: edit.opId,
      kind: 'field',
      field: 'TITLE',
      base: 'Lead #1',
      mine: 'x',
      theirs: null,
      createdAt: 1_000
    })
    expect(syncStates()).toEqual({ 1: 'conflict', 2: 'error', 3: 'synced' })
    expect(store.conflictCount()).toBe(1)
    expect(store.listConflicts()).toEqual([conflict])
    expect(store.listConflicts(2)).toEqual([])
    expect(store.removeConflict(conflict.id)).toBe(true)
    expect(store.removeConflict(conflict.id)).toBe(false)
    expect(syncStates()).toEqual({ 1: 'pending', 2: 'error', 3: 'synced' })
    expect(
      store.queryGrid({ offset: 0, limit: 10, filter: [{ field: 'ID', op: '=', value: 2 }] }).rows[0]?.syncState
    ).toBe('error')
  })
})

/** A transient failure: the answer was lost, the write may have run. */
const lostAnswer = { code: 'NETWORK', message: 'The connection dropped.', permanent: false }
/** The portal refused the write: it did not run. */
const refused = { code: 'ERROR_CORE', message: 'Refused.', permanent: true }

describe('withdrawOp (undo, discard)', () => {
  it('drops a change that never reached the portal, with its conflicts', () => {
    const op = store.applyLocalEdit(1, { TITLE: 'x' }, { TITLE: 'Lead #1' })
    store.addConflict({ leadKey: 1, opId: op.opId, kind: 'field', field: 'TITLE', mine: 'x', theirs: 'y' })
    store.markOp(op.opId, { state: 'needs-attention' })
    expect(store.withdrawOp(op.opId)).toBe(true)
    expect(store.listOps()).toEqual([])
    expect(store.listConflicts()).toEqual([])
    expect(syncStates()[1]).toBe('synced')
    expect(store.withdrawOp(op.opId)).toBe(false)
  })

  it('a change refused by the portal on its only try never reached it: dropped too', () => {
    const op = store.applyLocalEdit(1, { TITLE: 'x' }, { TITLE: 'Lead #1' })
    store.markOp(op.opId, { state: 'needs-attention', attempts: 1, lastError: refused })
    store.withdrawOp(op.opId)
    expect(store.listOps()).toEqual([])
  })

  it('refuses while the change is being sent, and changes nothing', () => {
    const op = store.applyLocalEdit(1, { TITLE: 'x' }, { TITLE: 'Lead #1' })
    store.markOp(op.opId, { state: 'sending' })
    expect(() => store.withdrawOp(op.opId)).toThrow(/being sent/)
    expect(store.listOps()).toEqual([{ ...op, state: 'sending' }])
  })

  it('an update that may have run is undone by a compensating update of the fields it may have set', () => {
    const op = store.applyLocalEdit(
      1,
      { TITLE: 'x', NAME: 'Bo', COMMENTS: 'd' },
      { TITLE: 'Lead #1', NAME: 'Ann', COMMENTS: 'c' }
    )
    store.markOp(op.opId, { attempts: 1, lastError: lostAnswer })
    // The merge held TITLE back as a conflict (never sent); a later edit sets COMMENTS anyway.
    store.addConflict({ leadKey: 1, opId: op.opId, kind: 'field', field: 'TITLE', mine: 'x', theirs: 'y' })
    const later = store.applyLocalEdit(1, { COMMENTS: 'e' }, { COMMENTS: 'c' })
    clock = 2_000

    store.withdrawOp(op.opId)

    const [kept, compensation] = store.listOps(1)
    expect(kept).toEqual(later)
    expect(compensation).toMatchObject({ kind: 'update', patch: { NAME: 'Ann' }, base: { NAME: 'Bo' }, attempts: 0 })
    expect(store.listConflicts()).toEqual([])
    expect(store.getLead(1)?.local).toEqual({ COMMENTS: 'e', NAME: 'Ann' })
  })

  it('a create that may have run gives way to a delete that finds it by ORIGIN_ID; withdrawn, the create is back', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'New', PHONE: [{ VALUE: '111' }] }, 'client-a')
    store.applyLocalEdit(key, { NAME: 'Ivan', PHONE: [{ VALUE: '222' }] }, {})
    store.queueLeadOp(key, 'productrows', { rows: [] })
    store.markOp(op.opId, { attempts: 1, lastError: lostAnswer })

    store.withdrawOp(op.opId)

    const fields = {
      TITLE: 'New',
      PHONE: [
        { VALUE: '111', VALUE_TYPE: 'WORK' },
        { VALUE: '222', VALUE_TYPE: 'WORK' }
      ],
      NAME: 'Ivan'
    }
    const [remover] = store.listOps(key)
    expect(store.listOps(key)).toHaveLength(1)
    expect(remover).toMatchObject({ kind: 'delete', clientKey: 'client-a', attempts: 1, patch: fields })
    expect(gridKeys(store)).not.toContain(key)

    store.withdrawOp(remover!.opId)
    expect(store.listOps(key)).toEqual([
      expect.objectContaining({
        opId: remover!.opId,
        kind: 'create',
        clientKey: 'client-a',
        attempts: 1,
        patch: fields
      })
    ])
    expect(store.getLead(key)?.local).toEqual(fields)
    expect(gridKeys(store)).toContain(key)
  })
})

describe('deleteLocalLead of a lead made offline', () => {
  it('whose create may have run: a delete that finds it by ORIGIN_ID replaces its ops', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'New' }, 'client-a')
    store.markOp(op.opId, { attempts: 2, lastError: refused })
    expect(store.deleteLocalLead(key)).toMatchObject({ kind: 'delete', leadKey: key, clientKey: 'client-a' })
    expect(store.listOps(key).map((queued) => queued.kind)).toEqual(['delete'])
    expect(store.deleteLocalLead(key)).toMatchObject({ kind: 'delete', leadKey: key })
  })

  it('whose create was refused on its only try: dropped, nothing goes to the portal', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'New' }, 'client-a')
    store.markOp(op.opId, { state: 'needs-attention', attempts: 1, lastError: refused })
    expect(store.deleteLocalLead(key)).toBeUndefined()
    expect(store.getLead(key)).toBeUndefined()
  })
})

describe('a lead being deleted', () => {
  it('takes no edits, product rows or contacts, and nothing is queued', () => {
    const remover = store.deleteLocalLead(2)!
    expect(() => store.applyLocalEdit(2, { TITLE: 'x' }, {})).toThrow(/Lead 2 is being deleted/)
    expect(() => store.queueLeadOp(2, 'contacts', { items: [] })).toThrow(/being deleted/)
    // A parked delete too: the user undoes or discards it first.
    store.markOp(remover.opId, { state: 'needs-attention', attempts: 1, lastError: refused })
    expect(() => store.applyLocalEdit(2, { TITLE: 'x' }, {})).toThrow(/being deleted/)
    expect(store.listOps()).toEqual([expect.objectContaining({ opId: remover.opId })])
  })
})

describe('conflicts of an op', () => {
  it('are unique per field (per item for a multifield) and go with their op', () => {
    const op = store.applyLocalEdit(
      1,
      {
        TITLE: 'x',
        PHONE: [
          { ID: '5', VALUE: '1' },
          { ID: '6', VALUE: '2' }
        ]
      },
      {}
    )
    const title = { leadKey: 1, opId: op.opId, kind: 'field' as const, field: 'TITLE', mine: 'x', theirs: 'y' }
    const first = store.addConflict(title)
    expect(store.addConflict({ ...title, theirs: 'z' })).toEqual({ ...first, theirs: 'z' })
    const phone = { leadKey: 1, opId: op.opId, kind: 'field' as const, field: 'PHONE' }
    store.addConflict({ ...phone, mine: { ID: '5', VALUE: '1' } })
    store.addConflict({ ...phone, mine: { ID: '6', VALUE: '2' } })
    expect(store.conflictCount()).toBe(3)

    store.removeOp(op.opId)
    expect(store.conflictCount()).toBe(0)
  })

  it('recordConflicts keeps those found again (with their id) and drops those that no longer hold', () => {
    const op = store.applyLocalEdit(1, { TITLE: 'x', NAME: 'Bo' }, {})
    const title = store.addConflict({
      leadKey: 1,
      opId: op.opId,
      kind: 'field',
      field: 'TITLE',
      mine: 'x',
      theirs: 'y'
    })
    store.addConflict({ leadKey: 1, opId: op.opId, kind: 'field', field: 'NAME', mine: 'Bo', theirs: 'Al' })

    store.recordConflicts(op, [{ kind: 'field', field: 'TITLE', mine: 'x', theirs: 'w' }])
    expect(store.listConflicts()).toEqual([{ ...title, theirs: 'w' }])
    store.recordConflicts(op, [])
    expect(store.listConflicts()).toEqual([])
    expect(syncStates()[1]).toBe('pending')
  })
})

describe('push outcomes', () => {
  it('keepConflictedPart: the rest joins the server copy, the op keeps only the conflicted part', () => {
    const op = store.applyLocalEdit(
      1,
      { TITLE: 'x', NAME: 'Bo', COMMENTS: 'd' },
      { TITLE: 'Lead #1', NAME: 'Ann', COMMENTS: 'c' }
    )
    const later = store.applyLocalEdit(1, { NAME: 'Cy', COMMENTS: 'e' }, { NAME: 'Ann', COMMENTS: 'c' })
    store.markOp(op.opId, { attempts: 1, lastError: lostAnswer })
    store.addConflict({ leadKey: 1, opId: op.opId, kind: 'field', field: 'TITLE', mine: 'x', theirs: 'y' })
    // NAME was sent; COMMENTS the portal holds as someone else set it (the edit's base was stale).
    const portal = serverLead(1, { TITLE: 'y', NAME: 'Bo', COMMENTS: 'z' })

    expect(store.keepConflictedPart(op.opId, portal, ['NAME'])).toBe(true)

    expect(store.getOp(op.opId)).toMatchObject({
      patch: { TITLE: 'x' },
      base: { TITLE: 'Lead #1' },
      state: 'needs-attention',
      attempts: 0
    })
    expect(store.getOp(op.opId)?.lastError).toBeUndefined()
    expect(store.getLead(1)?.server).toEqual(portal)
    // Later edits are rebased on what the op wrote only.
    expect(store.getOp(later.opId)?.base).toEqual({ NAME: 'Bo', COMMENTS: 'c' })
    expect(syncStates()[1]).toBe('conflict')
  })

  it('adoptFoundCreate: the lead takes the found ID; what the create holds beyond it stays queued as an update', () => {
    const { key, op } = store.createLocalLead({ TITLE: 'New', NAME: 'Fixed', PHONE: [{ VALUE: '222' }] }, 'client-a')
    const found = serverLead(500, {
      TITLE: 'New',
      NAME: null,
      PHONE: [
        { ID: '7', VALUE_TYPE: 'WORK', VALUE: '111' },
        { ID: '8', VALUE_TYPE: 'WORK', VALUE: '222' }
      ],
      ORIGIN_ID: 'client-a'
    })

    expect(store.adoptFoundCreate(op.opId, found)).toBe(true)

    expect(store.getLead(key)).toBeUndefined()
    expect(store.getLead(500)?.server).toEqual(found)
    expect(store.listOps(500)).toEqual([
      expect.objectContaining({
        opId: op.opId,
        kind: 'update',
        patch: { NAME: 'Fixed', PHONE: [{ ID: '7', DELETE: 'Y' }] },
        base: { NAME: null, PHONE: found.PHONE },
        state: 'pending',
        attempts: 0
      })
    ])
  })

  it('adoptFoundCreate compares the values by their field type: the same number printed otherwise is held', () => {
    storeMetadata(store, 'userFields', [
      { ID: '1', FIELD_NAME: 'UF_CRM_VISITS', USER_TYPE_ID: 'integer', MULTIPLE: 'N' },
      { ID: '2', FIELD_NAME: 'UF_CRM_VIP', USER_TYPE_ID: 'boolean', MULTIPLE: 'N' }
    ])
    const { op } = store.createLocalLead({ TITLE: 'New', UF_CRM_VISITS: 5, UF_CRM_VIP: 'Y' }, 'client-a')
    store.adoptFoundCreate(op.opId, serverLead(500, { TITLE: 'New', UF_CRM_VISITS: '5', UF_CRM_VIP: true }))
    expect(store.listOps()).toEqual([])
  })

  it('adoptFoundCreate completes the create when the found lead holds all of it', () => {
    const { op } = store.createLocalLead({ TITLE: 'New' }, 'client-a')
    store.adoptFoundCreate(op.opId, serverLead(500, { TITLE: 'New' }))
    expect(store.listOps()).toEqual([])
    expect(syncStates()[500]).toBe('synced')
  })
})

describe('meta, cursors and the job log', () => {
  it('keeps metadata by part and cursors as JSON by key', () => {
    expect(store.metadata().users).toBeUndefined()
    const admin = {
      ID: '1',
      ACTIVE: true,
      NAME: 'Admin',
      LAST_NAME: null,
      SECOND_NAME: null,
      DATE_REGISTER: '',
      IS_ONLINE: 'N' as const
    }
    store.setMetadata('users', [admin])
    expect(store.metadata().users).toEqual([admin])
    store.setMetadata('users', undefined)
    expect(store.metadata().users).toBeUndefined()
    store.setCursor('initial', { lastId: 2500, full: false })
    store.setCursor('initial', { lastId: 5000, full: false })
    expect(store.getCursor('initial')).toEqual({ lastId: 5000, full: false })
  })

  it('appends, finishes and lists jobs newest first', () => {
    const first = store.appendJob({ kind: 'initial-grid', startedAt: 1, status: 'running' })
    const second = store.appendJob({ kind: 'sweep', startedAt: 2, status: 'running', details: { ids: 0 } })
    expect(store.finishJob(first, { status: 'done', finishedAt: 9, details: { rows: 100 } })).toBe(true)
    expect(store.finishJob(99, { status: 'done', finishedAt: 9 })).toBe(false)
    expect(store.listJobs()).toEqual([
      { id: second, kind: 'sweep', startedAt: 2, updatedAt: 2, status: 'running', details: { ids: 0 } },
      {
        id: first,
        kind: 'initial-grid',
        startedAt: 1,
        finishedAt: 9,
        updatedAt: 9,
        status: 'done',
        details: { rows: 100 }
      }
    ])
    expect(store.listJobs({ kind: 'sweep', limit: 5 }).map((job) => job.id)).toEqual([second])
  })
})
