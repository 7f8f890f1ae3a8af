import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Envelope, OutboxEntry, SyncStatus } from '../../../electron/contract'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/**
 * Text that is not well-formed Unicode (a lone surrogate) has no UTF-8 form: a request holding it
 * cannot be built. It is refused when the change is made; a change that holds it anyway (queued
 * by an older version) is parked at once with the reason, and the lead's later changes that wait
 * behind it say so.
 */
let h: SyncHarness
beforeEach(async () => {
  h = await startSyncHarness({ leads: 10, seed: 9, fast: true })
  await h.syncNow(h.portalId)
})
afterEach(async () => {
  await h?.close()
})

const call = (channel: string, arg: unknown) => h.services.dispatch(channel, arg)
const portalTitle = async (id: number) => (await result<{ TITLE: string }>(h.portal, 'crm.lead.get', { id })).TITLE
const opsOf = async (key: number) => (await h.leads.outbox(h.portalId)).filter((op) => op.leadKey === key)

describe('a lone surrogate in a change', () => {
  it('is refused at edit time as INVALID_VALUE naming the field, in every kind of change', async () => {
    const edit = await call('leads.edit', { portalId: h.portalId, key: 2, patch: { TITLE: 'Deal \uD800' } })
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', details: { errors: [{ field: 'TITLE', code: 'malformed_text' }] } }
    })
    const create = await call('leads.create', { portalId: h.portalId, fields: { TITLE: 'New', COMMENTS: '\uDC00' } })
    expect(create).toMatchObject({ ok: false, error: { details: { errors: [{ field: 'COMMENTS' }] } } })
    const rows = await call('leads.setProductRows', {
      portalId: h.portalId,
      key: 2,
      rows: [{ PRODUCT_NAME: 'Chair', PRICE: 5 }, { PRODUCT_NAME: 'Desk \uDBFF' }]
    })
    expect(rows).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', details: { errors: [{ field: 'PRODUCT_NAME', item: 1 }] } }
    })
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })

  it('queued anyway, is parked at once (never tried), the rest is sent, and what waits behind it is told', async () => {
    const { store } = await h.services.workspaces.open(h.portalId)
    const titleBefore = await portalTitle(3)
    // As an older version would have queued it: straight into the store, past the validation.
    store.applyLocalEdit(3, { TITLE: 'Old \uD800' }, { TITLE: titleBefore })
    const rows = [{ PRODUCT_NAME: 'Chair', PRICE: 5, QUANTITY: 2 }]
    expect(await call('leads.setProductRows', { portalId: h.portalId, key: 3, rows })).toMatchObject({ ok: true })
    expect(await call('leads.edit', { portalId: h.portalId, key: 4, patch: { TITLE: 'Sent 4' } })).toMatchObject({
      ok: true
    })

    const status = await h.syncNow(h.portalId, 'delta')

    expect(await portalTitle(4)).toBe('Sent 4')
    expect(await portalTitle(3)).toBe(titleBefore)
    const [parked, waiting] = await opsOf(3)
    expect(parked).toMatchObject({
      kind: 'update',
      state: 'needs-attention',
      attempts: 0,
      waitingBehind: 1,
      lastError: {
        code: 'UNSENDABLE',
        message: 'This change cannot be sent: it holds text that is not well-formed Unicode (a lone surrogate).'
      }
    })
    expect(waiting).toMatchObject({ kind: 'productrows', state: 'pending', blockedBy: parked!.opId })
    expect(status).toMatchObject({ needsAttention: 1, waitingBehind: 1 })
    const statusOverChannel = (await call('sync.status', { portalId: h.portalId })) as Envelope<SyncStatus>
    expect(statusOverChannel).toMatchObject({ ok: true, value: { needsAttention: 1, waitingBehind: 1 } })

    // Not tried again by later runs: it waits for the user.
    await h.syncNow(h.portalId, 'delta')
    expect((await opsOf(3))[0]).toMatchObject({ state: 'needs-attention', attempts: 0 })

    // The user fixes the value: the change goes, and the one behind it follows.
    expect(await call('leads.edit', { portalId: h.portalId, key: 3, patch: { TITLE: 'Fixed 3' } })).toMatchObject({
      ok: true
    })
    const after = await h.syncNow(h.portalId, 'delta')
    expect(await portalTitle(3)).toBe('Fixed 3')
    expect(await result(h.portal, 'crm.lead.productrows.get', { id: 3 })).toMatchObject([{ PRODUCT_NAME: 'Chair' }])
    expect(await opsOf(3)).toEqual<OutboxEntry[]>([])
    expect(after).toMatchObject({ needsAttention: 0, waitingBehind: 0, pending: 0 })
  })
})
