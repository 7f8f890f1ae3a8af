import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { FaultKind } from '../../../electron/emulator/limits/faults'
import { admin, result } from '../../support/emulator'
import { clearFaults } from '../../support/fault-mix'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import { syncUntilSettled } from '../../support/sync-settle'

/**
 * The outbox at its edges: conflicts met while a write fails, answers lost after a write ran,
 * undo while a change is on its way, edits of a lead being deleted. Each test starts a small
 * portal of its own and checks where the portal and the local copy end up.
 */
type Lead = Record<string, unknown> & { ID: string }

let h: SyncHarness
afterEach(async () => {
  await h?.close()
})

async function start(leads = 40): Promise<SyncHarness> {
  h = await startSyncHarness({ leads, seed: 9, fast: true })
  await h.syncNow(h.portalId)
  return h
}

const portalLead = (id: number) => result<Lead>(h.portal, 'crm.lead.get', { id })
const portalUpdate = (id: number, fields: Record<string, unknown>) =>
  result(h.portal, 'crm.lead.update', { id, fields })
const portalLeadsTitled = (title: string) =>
  result<Lead[]>(h.portal, 'crm.lead.list', { filter: { TITLE: title }, select: ['ID', 'NAME', 'ORIGIN_ID'] })
const local = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]
const localTitled = async (title: string) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'TITLE', op: '=', value: title }], offset: 0, limit: 10 })).rows
const opsOf = async (key: number) => (await h.leads.outbox(h.portalId)).filter((op) => op.leadKey === key)
const conflictsOf = async (key: number) => (await h.leads.conflicts(h.portalId)).filter((c) => c.leadKey === key)
const settle = () => syncUntilSettled(h, h.portalId, { mode: 'delta' })

/** The next request that carries `method` as a write meets `fault` (it is chosen as the request arrives). */
function faultNextWrite(method: string, fault: FaultKind): void {
  const rest = h.portal.rest
  const handle = rest.handle.bind(rest)
  rest.handle = (request) => {
    if (request.method === 'batch' && JSON.stringify(request.params).includes(method)) {
      rest.handle = handle
      rest.faults.add({ kind: fault, method: 'batch', count: 1 })
    }
    return handle(request)
  }
}

/** Runs `during` while the next request that carries `method` is at the portal (its ops are 'sending'). */
function whileWriting<T>(method: string, during: () => Promise<T>): { result(): Promise<T> } {
  const rest = h.portal.rest
  const handle = rest.handle.bind(rest)
  let started: Promise<T> | undefined
  rest.handle = (request) => {
    if (request.method === 'batch' && JSON.stringify(request.params).includes(method)) {
      rest.handle = handle
      started = during()
    }
    return handle(request)
  }
  return {
    result: () => {
      if (!started) throw new Error(`No request carried ${method}`)
      return started
    }
  }
}

/** Syncs until the lead's op is parked (server errors injected meanwhile count its tries up). */
async function syncUntilParked(key: number) {
  for (let run = 0; run < 40; run++) {
    await h.syncNow(h.portalId, 'delta')
    const [op] = await opsOf(key)
    if (op?.state === 'needs-attention') return op
    await sleep(60)
  }
  throw new Error(`The op of lead ${key} was never parked`)
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message })
  )

describe('resolving a conflict settles only the conflicted field', () => {
  it('keeps the unsent disjoint field when the write that carried it was lost before it ran', async () => {
    await start()
    await h.leads.edit(h.portalId, 20, { TITLE: 'Mine 20', COMMENTS: 'My comment 20' })
    await portalUpdate(20, { TITLE: 'Theirs 20' })
    faultNextWrite('crm.lead.update', 'drop')
    await h.syncNow(h.portalId, 'delta')
    expect(await opsOf(20)).toEqual([
      expect.objectContaining({ state: 'pending', attempts: 1, patch: { TITLE: 'Mine 20', COMMENTS: 'My comment 20' } })
    ])
    const [conflict] = await conflictsOf(20)

    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'theirs' })
    expect(await opsOf(20)).toEqual([expect.objectContaining({ patch: { COMMENTS: 'My comment 20' } })])
    const { outbox } = await settle()

    expect(await portalLead(20)).toMatchObject({ TITLE: 'Theirs 20', COMMENTS: 'My comment 20' })
    expect(outbox).toEqual([])
    expect(await h.leads.conflicts(h.portalId)).toEqual([])
    expect(await local(20)).toMatchObject({
      syncState: 'synced',
      values: { TITLE: 'Theirs 20', COMMENTS: 'My comment 20' }
    })
  })

  it('after the disjoint part went through, the op holds only the conflicted field; "mine" sends it', async () => {
    await start()
    await h.leads.edit(h.portalId, 21, { TITLE: 'Mine 21', COMMENTS: 'My comment 21' })
    await portalUpdate(21, { TITLE: 'Theirs 21' })
    await h.syncNow(h.portalId, 'delta')
    expect(await portalLead(21)).toMatchObject({ TITLE: 'Theirs 21', COMMENTS: 'My comment 21' })
    expect(await opsOf(21)).toEqual([
      expect.objectContaining({ state: 'needs-attention', attempts: 0, patch: { TITLE: 'Mine 21' } })
    ])

    const [conflict] = await conflictsOf(21)
    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'mine' })
    const { outbox } = await settle()

    expect(await portalLead(21)).toMatchObject({ TITLE: 'Mine 21', COMMENTS: 'My comment 21' })
    expect(outbox).toEqual([])
    expect(await local(21)).toMatchObject({ syncState: 'synced', values: { TITLE: 'Mine 21' } })
  })

  it('an edited value is checked like any edit: a bad one is refused and nothing changes', async () => {
    await start()
    await h.leads.edit(h.portalId, 22, { TITLE: 'Mine 22' })
    await portalUpdate(22, { TITLE: 'Theirs 22' })
    await h.syncNow(h.portalId, 'delta')
    const [conflict] = await conflictsOf(22)
    const opsBefore = await opsOf(22)

    expect(await errorOf(h.leads.resolve(h.portalId, conflict!.id, { kind: 'edit', value: ' ' }))).toMatchObject({
      code: 'INVALID_VALUE',
      message: expect.stringContaining('TITLE')
    })
    expect(await conflictsOf(22)).toEqual([conflict])
    expect(await opsOf(22)).toEqual(opsBefore)

    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'edit', value: 'Both 22' })
    await settle()
    expect(await portalLead(22)).toMatchObject({ TITLE: 'Both 22' })
  })

  it('"keep mine" for a lead deleted on the portal makes it again with its queued product rows', async () => {
    await start()
    await h.leads.edit(h.portalId, 23, { NAME: 'Mine 23' })
    await h.leads.queue(h.portalId, 23, 'productrows', {
      rows: [{ PRODUCT_NAME: 'Delivery', PRICE: 250, QUANTITY: 2 }]
    })
    const title = (await portalLead(23)).TITLE
    await result(h.portal, 'crm.lead.delete', { id: 23 })
    await h.syncNow(h.portalId, 'delta')
    const [conflict] = await conflictsOf(23)
    expect(conflict).toMatchObject({ kind: 'deleted' })

    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'mine' })
    const { outbox } = await settle()

    const remade = await result<Lead[]>(h.portal, 'crm.lead.list', { filter: { NAME: 'Mine 23' }, select: ['ID'] })
    expect(remade).toHaveLength(1)
    const id = Number(remade[0]!.ID)
    expect(await portalLead(id)).toMatchObject({ TITLE: title, NAME: 'Mine 23' })
    const rows = await result<Array<Record<string, unknown>>>(h.portal, 'crm.lead.productrows.get', { id })
    expect(rows.map((row) => [row.PRODUCT_NAME, row.PRICE, row.QUANTITY])).toEqual([['Delivery', 250, 2]])
    expect(outbox).toEqual([])
    expect(await local(23)).toBeUndefined()
    expect(await local(id)).toMatchObject({ syncState: 'synced', values: { NAME: 'Mine 23' } })
  })
})

describe('conflict bookkeeping', () => {
  it('a conflicted op retried keeps one conflict, and says why it waits', async () => {
    await start()
    await h.leads.edit(h.portalId, 11, { TITLE: 'Mine 11' })
    await portalUpdate(11, { TITLE: 'Theirs 11' })
    await h.syncNow(h.portalId, 'delta')
    const [op] = await opsOf(11)
    expect(op).toMatchObject({
      state: 'needs-attention',
      lastError: { code: 'CONFLICT', message: expect.stringContaining('TITLE') }
    })
    const before = await conflictsOf(11)

    await h.leads.retry(h.portalId, op!.opId)
    const status = await h.syncNow(h.portalId, 'delta')

    expect(await conflictsOf(11)).toEqual(before)
    expect(status.conflicts).toBe(1)
    expect(await portalLead(11)).toMatchObject({ TITLE: 'Theirs 11' })
  })

  it('a conflict that no longer holds when retried goes, and the change is sent', async () => {
    await start()
    const original = (await portalLead(12)).TITLE
    await h.leads.edit(h.portalId, 12, { TITLE: 'Mine 12' })
    await portalUpdate(12, { TITLE: 'Theirs 12' })
    await h.syncNow(h.portalId, 'delta')
    await portalUpdate(12, { TITLE: original })
    const [op] = await opsOf(12)

    await h.leads.retry(h.portalId, op!.opId)
    const { outbox, status } = await settle()

    expect(await portalLead(12)).toMatchObject({ TITLE: 'Mine 12' })
    expect(outbox).toEqual([])
    expect(status.conflicts).toBe(0)
  })

  it('discarding or undoing a conflicted op takes its conflicts with it', async () => {
    await start()
    for (const key of [7, 8]) {
      await h.leads.edit(h.portalId, key, { TITLE: `Mine ${key}` })
      await portalUpdate(key, { TITLE: `Theirs ${key}` })
    }
    await h.syncNow(h.portalId, 'delta')
    const [op7] = await opsOf(7)

    await h.leads.discard(h.portalId, op7!.opId)
    await h.leads.undo(h.portalId, 8)
    const { status, outbox } = await settle()

    expect(await h.leads.conflicts(h.portalId)).toEqual([])
    expect(outbox).toEqual([])
    expect(status).toMatchObject({ conflicts: 0, needsAttention: 0, pending: 0 })
    for (const key of [7, 8]) {
      expect(await portalLead(key)).toMatchObject({ TITLE: `Theirs ${key}` })
      expect(await local(key)).toMatchObject({ syncState: 'synced', values: { TITLE: `Theirs ${key}` } })
    }
  })
})

describe('changes that may already have reached the portal', () => {
  it('deleting an offline lead whose create answer was lost deletes it on the portal too', async () => {
    await start()
    const row = await h.leads.create(h.portalId, { TITLE: 'Zombie lead' })
    await admin(h.portal, 'faults', { kind: 'drop_after', method: 'batch', count: 1 })
    await h.syncNow(h.portalId, 'delta')
    expect(await opsOf(row.key)).toEqual([expect.objectContaining({ kind: 'create', attempts: 1 })])
    expect(await portalLeadsTitled('Zombie lead')).toHaveLength(1)

    await h.leads.delete(h.portalId, row.key)
    const { outbox } = await settle()

    expect(await portalLeadsTitled('Zombie lead')).toEqual([])
    expect(await localTitled('Zombie lead')).toEqual([])
    expect(outbox).toEqual([])
  })

  it('discarding a create whose answer was lost removes the lead from the portal', async () => {
    await start()
    const row = await h.leads.create(h.portalId, { TITLE: 'Discarded lead' })
    await admin(h.portal, 'faults', { kind: 'drop_after', method: 'batch', count: 1 })
    await h.syncNow(h.portalId, 'delta')
    const [create] = await opsOf(row.key)

    await h.leads.discard(h.portalId, create!.opId)
    const { outbox } = await settle()

    expect(await portalLeadsTitled('Discarded lead')).toEqual([])
    expect(await localTitled('Discarded lead')).toEqual([])
    expect(outbox).toEqual([])
  })

  it('deleting an offline lead whose create never ran leaves the portal alone', async () => {
    await start()
    const row = await h.leads.create(h.portalId, { TITLE: 'Never sent' })
    await admin(h.portal, 'faults', { kind: 'drop', method: 'batch', count: 1 })
    await h.syncNow(h.portalId, 'delta')
    expect(await opsOf(row.key)).toEqual([expect.objectContaining({ kind: 'create', attempts: 1 })])

    await h.leads.delete(h.portalId, row.key)
    const { outbox } = await settle()

    expect(await portalLeadsTitled('Never sent')).toEqual([])
    expect(await localTitled('Never sent')).toEqual([])
    expect(outbox).toEqual([])
  })

  it('undoing an edit whose answer was lost puts the old value back on the portal', async () => {
    await start()
    const before = (await portalLead(14)).TITLE
    await h.leads.edit(h.portalId, 14, { TITLE: 'Lost answer 14' })
    faultNextWrite('crm.lead.update', 'drop_after')
    await h.syncNow(h.portalId, 'delta')
    expect(await portalLead(14)).toMatchObject({ TITLE: 'Lost answer 14' })
    expect(await opsOf(14)).toEqual([expect.objectContaining({ state: 'pending', attempts: 1 })])

    await h.leads.undo(h.portalId, 14)
    expect((await local(14))!.values.TITLE).toBe(before)
    const { outbox } = await settle()

    expect(await portalLead(14)).toMatchObject({ TITLE: before })
    expect(outbox).toEqual([])
    expect(await local(14)).toMatchObject({ syncState: 'synced', values: { TITLE: before } })
  })

  it('fixing a parked create whose first try ran on the portal does not create it twice', async () => {
    await start()
    const row = await h.leads.create(h.portalId, { TITLE: 'Twice?' })
    await admin(h.portal, 'faults', { kind: 'drop_after', method: 'batch', count: 1 })
    await h.syncNow(h.portalId, 'delta')
    await admin(h.portal, 'faults', { kind: '500', method: 'batch', count: 100_000 })
    await syncUntilParked(row.key)
    await clearFaults(h.portal)

    await h.leads.edit(h.portalId, row.key, { NAME: 'Fixed' })
    const { outbox } = await settle()

    const made = await portalLeadsTitled('Twice?')
    expect(made).toEqual([expect.objectContaining({ NAME: 'Fixed' })])
    expect(outbox).toEqual([])
    expect(await localTitled('Twice?')).toEqual([
      expect.objectContaining({
        key: Number(made[0]!.ID),
        syncState: 'synced',
        values: expect.objectContaining({ NAME: 'Fixed' })
      })
    ])
  })
})

describe('refusals', () => {
  it('undo while the lead’s last change is being sent is refused, and nothing is reverted', async () => {
    await start()
    await h.leads.edit(h.portalId, 30, { TITLE: 'First 30' })
    await h.syncNow(h.portalId, 'delta')
    await h.leads.edit(h.portalId, 30, { NAME: 'Second 30' })

    const undo = whileWriting('crm.lead.update', () => errorOf(h.leads.undo(h.portalId, 30)))
    await h.syncNow(h.portalId, 'delta')
    expect(await undo.result()).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/being sent/) })
    const { outbox } = await settle()

    expect(await portalLead(30)).toMatchObject({ TITLE: 'First 30', NAME: 'Second 30' })
    expect(outbox).toEqual([])
  })

  it('undo while push compares the change with the portal is refused too (it is on its way)', async () => {
    await start()
    await h.leads.edit(h.portalId, 31, { TITLE: 'Compared 31' })
    // The compare reads the lead back with crm.lead.list before any write.
    const undo = whileWriting('crm.lead.list', () => errorOf(h.leads.undo(h.portalId, 31)))
    await h.syncNow(h.portalId, 'delta')
    expect(await undo.result()).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/being sent/) })
    const { outbox } = await settle()

    expect(await portalLead(31)).toMatchObject({ TITLE: 'Compared 31' })
    expect(outbox).toEqual([])
  })

  it('retry of a change that is being sent is refused: its try under way decides', async () => {
    await start()
    await h.leads.edit(h.portalId, 32, { TITLE: 'Sent once 32' })
    const [entry] = (await h.leads.outbox(h.portalId)).filter((op) => op.leadKey === 32)
    const retry = whileWriting('crm.lead.update', () => errorOf(h.leads.retry(h.portalId, entry!.opId)))
    await h.syncNow(h.portalId, 'delta')
    expect(await retry.result()).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/being sent/) })
    const { outbox } = await settle()
    expect(await portalLead(32)).toMatchObject({ TITLE: 'Sent once 32' })
    expect(outbox).toEqual([])
  })

  it('undo of a change planned for a later request of the same round is refused too', async () => {
    await start(60)
    // 55 updates: two requests of writes in one round; lead 55 goes in the second.
    for (let key = 1; key <= 55; key++) await h.leads.edit(h.portalId, key, { TITLE: `Round ${key}` })

    const undo = whileWriting('crm.lead.update', () => errorOf(h.leads.undo(h.portalId, 55)))
    await h.syncNow(h.portalId, 'delta')
    expect(await undo.result()).toMatchObject({ code: 'INVALID_ARGUMENT' })
    const { outbox } = await settle()

    expect(await portalLead(55)).toMatchObject({ TITLE: 'Round 55' })
    expect(await local(55)).toMatchObject({ syncState: 'synced', values: { TITLE: 'Round 55' } })
    expect(outbox).toEqual([])
  })

  it('an edit of a lead whose delete is queued is refused and queues nothing', async () => {
    await start()
    await h.leads.delete(h.portalId, 9)

    expect(await errorOf(h.leads.edit(h.portalId, 9, { TITLE: 'After delete' }))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/being deleted/)
    })
    expect(await errorOf(h.leads.queue(h.portalId, 9, 'contacts', { items: [] }))).toMatchObject({
      code: 'INVALID_ARGUMENT'
    })
    expect((await opsOf(9)).map((op) => op.kind)).toEqual(['delete'])
    const { outbox } = await settle()

    expect(outbox).toEqual([])
    expect(await h.leads.conflicts(h.portalId)).toEqual([])
    const found = await result<Lead[]>(h.portal, 'crm.lead.list', { filter: { ID: 9 }, select: ['ID'] })
    expect(found).toEqual([])
  })
})
