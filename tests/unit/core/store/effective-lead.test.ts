import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectiveValues } from '../../../../electron/core/store/effective-lead'
import type { LeadStore } from '../../../../electron/core/store/lead-store'
import type { FieldPatch } from '../../../../electron/core/domain/lead-types'
import { fileStore, gridKeys, serverLead } from './store-fixtures'

/**
 * A pending multifield edit is a list of item changes, as crm.lead.update takes it (an item
 * without ID is added, one with an ID changed, one with an ID and DELETE: 'Y' removed; items not
 * named stay). The grid, the search and the effective document show the lead as the portal will
 * print it after the push: the server items with the local changes applied.
 */

const OLD_PHONE = { ID: '11', VALUE_TYPE: 'MOBILE', VALUE: '+7 916 123-45-67', TYPE_ID: 'PHONE' }
const OLD_EMAIL = { ID: '21', VALUE_TYPE: 'WORK', VALUE: 'oldmail@romashka.example', TYPE_ID: 'EMAIL' }

let fixture: ReturnType<typeof fileStore>
let store: LeadStore
beforeEach(() => {
  fixture = fileStore(() => 1_000)
  store = fixture.store
  store.upsertServerLeads(
    [serverLead(1, { PHONE: [OLD_PHONE], EMAIL: [OLD_EMAIL], UF_CRM_TAGS: ['a', 'b'] }), serverLead(2)],
    { full: true }
  )
})
afterEach(() => fixture.cleanup())

const gridValues = (key: number) =>
  store.queryGrid({ offset: 0, limit: 1, filter: [{ field: 'ID', op: '=', value: key }] }).rows[0]?.values

/** The lead's effective document as stored (what the grid's rows and filters read). */
const effectiveDocument = (key: number) => {
  const row = fixture.raw().prepare('SELECT json(effective) AS doc FROM lead_docs WHERE key = ?').get(key) as {
    doc: string | null
  }
  return row.doc === null ? null : (JSON.parse(row.doc) as Record<string, unknown>)
}

const found = (search: string) => gridKeys(store, { search }).includes(1)

/** Pushes the lead's pending op as the portal accepts it (no copy read back): the server copy after the push. */
function push(): Record<string, unknown> {
  const [op] = store.listOps(1)
  expect(store.completeOp(op!.opId)).toBe(true)
  expect(store.getLead(1)?.local).toBeNull()
  return gridValues(1)!
}

describe('pending multifield edits in the effective values', () => {
  it('a phone and an e-mail added locally are shown next to the server ones; the old ones are still found', () => {
    store.applyLocalEdit(
      1,
      {
        PHONE: [{ VALUE: '+1 555 999-0001', VALUE_TYPE: 'WORK' }],
        EMAIL: [{ VALUE: 'newmail@example.org', VALUE_TYPE: 'HOME' }]
      },
      { PHONE: [OLD_PHONE], EMAIL: [OLD_EMAIL] }
    )
    const pending = gridValues(1)!
    expect(pending.PHONE).toEqual([OLD_PHONE, { VALUE_TYPE: 'WORK', VALUE: '+1 555 999-0001', TYPE_ID: 'PHONE' }])
    expect(pending.EMAIL).toEqual([OLD_EMAIL, { VALUE_TYPE: 'HOME', VALUE: 'newmail@example.org', TYPE_ID: 'EMAIL' }])
    expect(effectiveDocument(1)).toEqual(pending)
    // Old and new numbers and addresses, with and without formatting.
    for (const search of ['79161234567', '+7 916', '15559990001', 'oldmail', 'newmail@example']) {
      expect(found(search), search).toBe(true)
    }
    expect(push()).toEqual(pending)
  })

  it('a phone and an e-mail changed locally replace only that item', () => {
    store.upsertServerLeads(
      [
        serverLead(1, {
          PHONE: [OLD_PHONE, { ID: '12', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-02', TYPE_ID: 'PHONE' }],
          EMAIL: [OLD_EMAIL]
        })
      ],
      { full: true }
    )
    store.applyLocalEdit(
      1,
      {
        PHONE: [{ ID: '11', VALUE: '+7 916 765-43-21', VALUE_TYPE: 'HOME' }],
        // No VALUE_TYPE: the item keeps its type.
        EMAIL: [{ ID: '21', VALUE: 'changedmail@romashka.example' }]
      },
      {}
    )
    const pending = gridValues(1)!
    expect(pending.PHONE).toEqual([
      { ID: '11', VALUE_TYPE: 'HOME', VALUE: '+7 916 765-43-21', TYPE_ID: 'PHONE' },
      { ID: '12', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-02', TYPE_ID: 'PHONE' }
    ])
    expect(pending.EMAIL).toEqual([{ ...OLD_EMAIL, VALUE: 'changedmail@romashka.example' }])
    expect(effectiveDocument(1)).toEqual(pending)
    expect(found('79167654321')).toBe(true)
    expect(found('74950000002')).toBe(true)
    expect(found('changedmail')).toBe(true)
    expect(found('79161234567')).toBe(false)
    expect(found('oldmail')).toBe(false)
    expect(push()).toEqual(pending)
  })

  it('a phone and an e-mail deleted locally are gone; a type left with no items has no key, as the portal prints it', () => {
    store.upsertServerLeads(
      [
        serverLead(1, {
          PHONE: [OLD_PHONE, { ID: '12', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-02', TYPE_ID: 'PHONE' }],
          EMAIL: [OLD_EMAIL]
        })
      ],
      { full: true }
    )
    store.applyLocalEdit(1, { PHONE: [{ ID: '11', DELETE: 'Y' }], EMAIL: [{ ID: '21', DELETE: 'Y' }] }, {})
    const pending = gridValues(1)!
    expect(pending.PHONE).toEqual([{ ID: '12', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-02', TYPE_ID: 'PHONE' }])
    expect(pending).not.toHaveProperty('EMAIL')
    expect(effectiveDocument(1)).toEqual(pending)
    expect(found('79161234567')).toBe(false)
    expect(found('oldmail')).toBe(false)
    expect(found('74950000002')).toBe(true)
    // Only PHONE: complete() (local-changes.ts) still spreads the old server copy under the
    // applied patch, so a type whose last item the push deleted comes back until the next pull.
    expect(push().PHONE).toEqual(pending.PHONE)
  })

  it('add, change and delete in one edit; userfields are still replaced as a whole', () => {
    store.applyLocalEdit(
      1,
      {
        PHONE: [{ ID: '11', DELETE: 'Y' }, { VALUE: '+1 555 999-0001' }],
        EMAIL: [{ ID: '21', VALUE: 'changedmail@romashka.example', VALUE_TYPE: 'HOME' }],
        UF_CRM_TAGS: ['c']
      },
      {}
    )
    const pending = gridValues(1)!
    expect(pending).toEqual(
      serverLead(1, {
        // No VALUE_TYPE on the addition: the portal's default for phones.
        PHONE: [{ VALUE_TYPE: 'WORK', VALUE: '+1 555 999-0001', TYPE_ID: 'PHONE' }],
        EMAIL: [{ ID: '21', VALUE_TYPE: 'HOME', VALUE: 'changedmail@romashka.example', TYPE_ID: 'EMAIL' }],
        UF_CRM_TAGS: ['c']
      })
    )
    expect(found('79161234567')).toBe(false)
    expect(found('15559990001')).toBe(true)
    expect(push()).toEqual(pending)
  })

  it('a phone added locally is added to the server ones, not put in their place (Bitrix24 adds items without ID); userfields replace as a whole', () => {
    // Was "multifield and userfield values replace the server ones as a whole" (local-changes.test.ts).
    store.upsertServerLeads([serverLead(2, { PHONE: [{ ID: '1', VALUE: '111' }], UF_CRM_TAGS: ['a', 'b'] })], {
      full: true
    })
    store.applyLocalEdit(2, { PHONE: [{ VALUE: '222' }], UF_CRM_TAGS: ['c'] }, {})
    expect(gridValues(2)).toEqual(
      serverLead(2, {
        PHONE: [
          { ID: '1', VALUE_TYPE: 'WORK', VALUE: '111', TYPE_ID: 'PHONE' },
          { VALUE_TYPE: 'WORK', VALUE: '222', TYPE_ID: 'PHONE' }
        ],
        UF_CRM_TAGS: ['c']
      })
    )
  })

  it('withdrawing the pending edit shows the server items again', () => {
    const op = store.applyLocalEdit(1, { PHONE: [{ ID: '11', DELETE: 'Y' }] }, {})
    expect(found('79161234567')).toBe(false)
    store.removeOp(op.opId)
    expect(gridValues(1)!.PHONE).toEqual([OLD_PHONE])
    expect(found('79161234567')).toBe(true)
  })

  it('a lead created offline shows its items as the create will add them', () => {
    const { key } = store.createLocalLead(
      {
        TITLE: 'Offline',
        PHONE: [{ VALUE: '+7 900 000-00-01' }],
        EMAIL: [{ VALUE: 'new@lead.example', VALUE_TYPE: 'HOME' }]
      },
      'client-a'
    )
    const values = gridValues(key)!
    expect(values.PHONE).toEqual([{ VALUE_TYPE: 'WORK', VALUE: '+7 900 000-00-01', TYPE_ID: 'PHONE' }])
    expect(values.EMAIL).toEqual([{ VALUE_TYPE: 'HOME', VALUE: 'new@lead.example', TYPE_ID: 'EMAIL' }])
    expect(gridKeys(store, { search: '79000000001' })).toEqual([key])
  })
})

describe('effectiveValues', () => {
  const server = serverLead(1, { PHONE: [OLD_PHONE], NAME: 'Ann' })

  it('is the server copy itself without a local patch', () => {
    expect(effectiveValues(server, null)).toBe(server)
    expect(effectiveValues(null, null)).toEqual({})
  })

  it('applies multifield item changes and sets other fields over the server copy', () => {
    const local: FieldPatch = { NAME: 'Anna', PHONE: [{ VALUE: '+1 555 999-0001', VALUE_TYPE: 'WORK' }] }
    expect(effectiveValues(server, local)).toEqual({
      ...server,
      NAME: 'Anna',
      PHONE: [OLD_PHONE, { VALUE_TYPE: 'WORK', VALUE: '+1 555 999-0001', TYPE_ID: 'PHONE' }]
    })
    // Neither input is changed.
    expect(server.PHONE).toEqual([OLD_PHONE])
    expect(local.PHONE).toEqual([{ VALUE: '+1 555 999-0001', VALUE_TYPE: 'WORK' }])
  })
})
