import { describe, expect, it } from 'vitest'
import type { FieldPatch } from '../../../../electron/core/domain/lead-types'
import { sameFieldValue } from '../../../../electron/core/domain/field-equality'
import {
  applyPatch,
  combineEdits,
  compensatingUpdate,
  foldUpdateIntoCreate,
  withoutNoopFields,
  type PendingEdit
} from '../../../../electron/core/domain/patch-ops'
import { mergeUpdate } from '../../../../electron/core/domain/three-way-merge'
import { randomEdit, randomLead, randomSchema, seededRandom } from './random-leads'

const phone = (ID: string, VALUE: string, VALUE_TYPE = 'WORK') => ({ ID, VALUE_TYPE, VALUE, TYPE_ID: 'PHONE' })
const lead = {
  ID: '7',
  TITLE: 'Old',
  NAME: 'Anna',
  OPPORTUNITY: '15000.00',
  COMMENTS: null,
  PHONE: [phone('1', '+1'), phone('2', '+2', 'MOBILE')]
}

/** What the portal does with an update: apply it and give new items IDs. */
let nextItemId = 1000
function push(server: Record<string, unknown>, patch: FieldPatch): Record<string, unknown> {
  const next = applyPatch(server, patch)
  for (const [field, value] of Object.entries(next)) {
    if (Array.isArray(value) && ['PHONE', 'EMAIL'].includes(field))
      next[field] = value.map((item: { ID?: string }) => (item.ID ? item : { ...item, ID: String(nextItemId++) }))
  }
  return next
}

describe('withoutNoopFields', () => {
  it.each<[string, PendingEdit, PendingEdit]>([
    [
      'keeps a changed field',
      { patch: { TITLE: 'New' }, base: { TITLE: 'Old' } },
      { patch: { TITLE: 'New' }, base: { TITLE: 'Old' } }
    ],
    ['drops a field set to its base', { patch: { TITLE: 'Old' }, base: { TITLE: 'Old' } }, { patch: {}, base: {} }],
    [
      'drops a field equal to its base by the field rules',
      { patch: { OPPORTUNITY: 15000 }, base: { OPPORTUNITY: '15000.00' } },
      { patch: {}, base: {} }
    ],
    [
      'drops a field emptied when it was empty',
      { patch: { COMMENTS: '' }, base: { COMMENTS: null } },
      { patch: {}, base: {} }
    ],
    [
      'keeps a field whose base is not known',
      { patch: { TITLE: 'Old' }, base: {} },
      { patch: { TITLE: 'Old' }, base: {} }
    ],
    [
      'drops the base of fields not in the patch',
      { patch: { TITLE: 'New' }, base: { TITLE: 'Old', NAME: 'x' } },
      { patch: { TITLE: 'New' }, base: { TITLE: 'Old' } }
    ],
    [
      'drops a phone change to the value it has',
      { patch: { PHONE: [{ ID: '1', VALUE: '+1' }] }, base: { PHONE: lead.PHONE } },
      { patch: {}, base: {} }
    ],
    [
      'writes phone changes canonically',
      { patch: { PHONE: [{ ID: '1', VALUE: '' }, { VALUE: '+3' }] }, base: { PHONE: lead.PHONE } },
      {
        patch: {
          PHONE: [
            { ID: '1', DELETE: 'Y' },
            { VALUE: '+3', VALUE_TYPE: 'WORK' }
          ]
        },
        base: { PHONE: lead.PHONE }
      }
    ]
  ])('%s', (_description, edit, expected) => {
    expect(withoutNoopFields(edit)).toEqual(expected)
  })
})

describe('combineEdits (a new edit folded into the unsent one)', () => {
  it('the later value wins and the earliest base stays', () => {
    const earlier = { patch: { TITLE: 'First' }, base: { TITLE: 'Old' } }
    const later = { patch: { TITLE: 'Second' }, base: { TITLE: 'Pulled meanwhile' } }
    expect(combineEdits(earlier, later)).toEqual({ patch: { TITLE: 'Second' }, base: { TITLE: 'Old' } })
  })

  it('a field first edited later brings its own base', () => {
    const earlier = { patch: { TITLE: 'First' }, base: { TITLE: 'Old' } }
    const later = { patch: { NAME: 'Anya' }, base: { NAME: 'Anna' } }
    expect(combineEdits(earlier, later)).toEqual({
      patch: { TITLE: 'First', NAME: 'Anya' },
      base: { TITLE: 'Old', NAME: 'Anna' }
    })
  })

  it('an edit setting a field back to its base removes it from the patch', () => {
    const earlier = { patch: { TITLE: 'First', NAME: 'Anya' }, base: { TITLE: 'Old', NAME: 'Anna' } }
    const later = { patch: { TITLE: 'Old' }, base: { TITLE: 'First' } }
    expect(combineEdits(earlier, later)).toEqual({ patch: { NAME: 'Anya' }, base: { NAME: 'Anna' } })
  })

  it('setting back compares with the EARLIEST base, not the later one', () => {
    const earlier = { patch: { TITLE: 'First' }, base: { TITLE: 'Old' } }
    const later = { patch: { TITLE: 'Pulled meanwhile' }, base: { TITLE: 'Pulled meanwhile' } }
    expect(combineEdits(earlier, later).patch).toEqual({ TITLE: 'Pulled meanwhile' })
  })

  it.each<[string, unknown[], unknown[], unknown]>([
    [
      'two additions → both',
      [{ VALUE: '+3' }],
      [{ VALUE: '+4' }],
      [
        { VALUE: '+3', VALUE_TYPE: 'WORK' },
        { VALUE: '+4', VALUE_TYPE: 'WORK' }
      ]
    ],
    ['an addition withdrawn → nothing', [{ VALUE: '+3' }], [{ VALUE: '+3', DELETE: 'Y' }], undefined],
    ['a change and a change back → nothing', [{ ID: '1', VALUE: '+9' }], [{ ID: '1', VALUE: '+1' }], undefined],
    [
      'changes of two items → both',
      [{ ID: '1', VALUE: '+9' }],
      [{ ID: '2', VALUE: '+8' }],
      [
        { ID: '1', VALUE: '+9', VALUE_TYPE: 'WORK' },
        { ID: '2', VALUE: '+8', VALUE_TYPE: 'MOBILE' }
      ]
    ],
    [
      'a change then a delete → a delete',
      [{ ID: '1', VALUE: '+9' }],
      [{ ID: '1', DELETE: 'Y' }],
      [{ ID: '1', DELETE: 'Y' }]
    ]
  ])('phones: %s', (_description, first, second, expected) => {
    const combined = combineEdits(
      { patch: { PHONE: first }, base: { PHONE: lead.PHONE } },
      { patch: { PHONE: second }, base: { PHONE: lead.PHONE } }
    )
    expect(combined.patch.PHONE).toEqual(expected)
    expect('PHONE' in combined.base).toBe(expected !== undefined)
  })

  it('phones with no known base: later changes of the same item win, nothing is lost', () => {
    const combined = combineEdits(
      { patch: { PHONE: [{ ID: '5', VALUE: 'a' }, { VALUE: 'n' }] }, base: {} },
      {
        patch: {
          PHONE: [
            { ID: '5', VALUE: 'b' },
            { ID: '6', DELETE: 'Y' }
          ]
        },
        base: {}
      }
    )
    expect(combined.patch.PHONE).toEqual([
      { ID: '5', VALUE: 'b' },
      { ID: '6', DELETE: 'Y' },
      { VALUE: 'n', VALUE_TYPE: 'WORK' }
    ])
  })

  it('applying the combined patch shows what applying the edits one by one shows (random edits)', () => {
    const random = seededRandom(11)
    for (let run = 0; run < 300; run++) {
      const server = randomLead(random)
      const edits = Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomEdit(random, server))
      const folded = edits.reduce<PendingEdit>((pending, edit) => combineEdits(pending, edit, randomSchema), {
        patch: {},
        base: {}
      })
      const stepwise = edits.reduce((view, edit) => applyPatch(view, edit.patch), server)
      const combined = applyPatch(server, folded.patch)
      for (const field of Object.keys(stepwise)) {
        expect(sameFieldValue(field, combined[field], stepwise[field], randomSchema), field).toBe(true)
      }
    }
  })
})

describe('compensatingUpdate (undo of a sent edit)', () => {
  it('sets each field back, against the value the edit set', () => {
    const sent = { patch: { TITLE: 'New', OPPORTUNITY: '1' }, base: { TITLE: 'Old', OPPORTUNITY: '15000.00' } }
    expect(compensatingUpdate(sent)).toEqual({
      edit: { patch: { TITLE: 'Old', OPPORTUNITY: '15000.00' }, base: { TITLE: 'New', OPPORTUNITY: '1' } },
      irreversible: []
    })
  })

  it('reports fields whose value before the edit is not known', () => {
    expect(compensatingUpdate({ patch: { TITLE: 'New', NAME: 'x' }, base: { TITLE: 'Old' } })).toEqual({
      edit: { patch: { TITLE: 'Old' }, base: { TITLE: 'New' } },
      irreversible: ['NAME']
    })
    expect(compensatingUpdate({ patch: { NAME: 'x' }, base: {} })).toEqual({ edit: null, irreversible: ['NAME'] })
  })

  it('phones: an added item is deleted by the ID the portal gave it, a changed one set back, a deleted one added again', () => {
    const sent = {
      patch: { PHONE: [{ VALUE: '+3' }, { ID: '1', VALUE: '+10', VALUE_TYPE: 'HOME' }, { ID: '2', DELETE: 'Y' }] },
      base: { PHONE: lead.PHONE }
    }
    const now = { ...lead, PHONE: [phone('1', '+10', 'HOME'), phone('77', '+3')] }
    expect(compensatingUpdate(sent, now)).toEqual({
      edit: {
        patch: {
          PHONE: [
            { ID: '77', DELETE: 'Y' },
            { ID: '1', VALUE: '+1', VALUE_TYPE: 'WORK' },
            { VALUE: '+2', VALUE_TYPE: 'MOBILE' }
          ]
        },
        base: {
          PHONE: [
            { ID: '77', VALUE_TYPE: 'WORK', VALUE: '+3' },
            { ID: '1', VALUE: '+10', VALUE_TYPE: 'HOME' }
          ]
        }
      },
      irreversible: []
    })
  })

  it('phones: an added item someone removed already needs nothing; without the lead now it cannot be found', () => {
    const sent = { patch: { PHONE: [{ VALUE: '+3' }] }, base: { PHONE: lead.PHONE } }
    expect(compensatingUpdate(sent, lead)).toEqual({ edit: null, irreversible: [] })
    expect(compensatingUpdate(sent)).toEqual({ edit: null, irreversible: ['PHONE'] })
  })

  it('a compensating update conflicts with a change made on the portal after the edit', () => {
    const sent = { patch: { TITLE: 'New' }, base: { TITLE: 'Old' } }
    const { edit } = compensatingUpdate(sent)
    const merged = mergeUpdate({ base: edit!.base, mine: edit!.patch, theirs: { ID: '7', TITLE: 'Someone else' } })
    expect(merged.conflicts).toEqual([{ field: 'TITLE', base: 'New', mine: 'Old', theirs: 'Someone else' }])
  })

  it('for random edits, pushing the edit and then its compensation gives back the lead', () => {
    const random = seededRandom(13)
    for (let run = 0; run < 300; run++) {
      const server = randomLead(random)
      const sent = withoutNoopFields(randomEdit(random, server), randomSchema)
      if (Object.keys(sent.patch).length === 0) continue
      const afterEdit = push(server, sent.patch)
      const { edit, irreversible } = compensatingUpdate(sent, afterEdit)
      expect(irreversible).toEqual([])
      const merged = mergeUpdate({ base: edit!.base, mine: edit!.patch, theirs: afterEdit, schema: randomSchema })
      expect(merged.conflicts).toEqual([])
      const restored = push(afterEdit, merged.send)
      for (const field of Object.keys(sent.patch)) {
        expect(sameFieldValue(field, restored[field], server[field], randomSchema), field).toBe(true)
      }
    }
  })
})

describe('foldUpdateIntoCreate', () => {
  const create = {
    TITLE: 'New lead',
    ORIGIN_ID: 'client-key-1',
    ORIGINATOR_ID: 'lead-admin',
    PHONE: [{ VALUE: '+1', VALUE_TYPE: 'WORK' }]
  }

  it('later values override, new fields join, the client key stays', () => {
    expect(foldUpdateIntoCreate(create, { TITLE: 'Renamed', NAME: 'Anna', ORIGIN_ID: 'other' })).toEqual({
      ...create,
      TITLE: 'Renamed',
      NAME: 'Anna'
    })
  })

  it('phone additions join the list; withdrawals remove an unsent item; an emptied list goes', () => {
    expect(foldUpdateIntoCreate(create, { PHONE: [{ VALUE: '+2', VALUE_TYPE: 'home' }] }).PHONE).toEqual([
      { VALUE: '+1', VALUE_TYPE: 'WORK' },
      { VALUE: '+2', VALUE_TYPE: 'HOME' }
    ])
    expect('PHONE' in foldUpdateIntoCreate(create, { PHONE: [{ VALUE: '+1', DELETE: 'Y' }] })).toBe(false)
    expect(foldUpdateIntoCreate({ TITLE: 'x' }, { EMAIL: [{ VALUE: 'a@b.c' }] })).toEqual({
      TITLE: 'x',
      EMAIL: [{ VALUE: 'a@b.c', VALUE_TYPE: 'WORK' }]
    })
  })

  it('does not change its input', () => {
    const fields = { TITLE: 'x' }
    foldUpdateIntoCreate(fields, { TITLE: 'y' })
    expect(fields).toEqual({ TITLE: 'x' })
  })
})

describe('applyPatch (the lead as the user sees it)', () => {
  it('puts scalars over the server copy and applies phone changes the portal way', () => {
    expect(applyPatch(lead, { TITLE: 'New', PHONE: [{ ID: '1', DELETE: 'Y' }, { VALUE: '+3' }] })).toEqual({
      ...lead,
      TITLE: 'New',
      PHONE: [
        { ID: '2', VALUE_TYPE: 'MOBILE', VALUE: '+2', TYPE_ID: 'PHONE' },
        { VALUE_TYPE: 'WORK', VALUE: '+3', TYPE_ID: 'PHONE' }
      ]
    })
  })

  it('removes the key when no item is left, as the portal prints it', () => {
    expect(
      'PHONE' in
        applyPatch(lead, {
          PHONE: [
            { ID: '1', DELETE: 'Y' },
            { ID: '2', DELETE: 'Y' }
          ]
        })
    ).toBe(false)
  })
})
