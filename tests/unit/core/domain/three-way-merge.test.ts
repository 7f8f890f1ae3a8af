import { describe, expect, it } from 'vitest'
import type { FieldPatch } from '../../../../electron/core/domain/lead-types'
import { sameFieldValue } from '../../../../electron/core/domain/field-equality'
import { applyPatch, withoutNoopFields } from '../../../../electron/core/domain/patch-ops'
import {
  mergeUpdate,
  resolveConflict,
  withFullAddress,
  type MergeConflict
} from '../../../../electron/core/domain/three-way-merge'
import { randomEdit, randomFields, randomLead, randomSchema, randomValue, seededRandom } from './random-leads'

const phone = (ID: string, VALUE: string, VALUE_TYPE = 'WORK') => ({ ID, VALUE_TYPE, VALUE, TYPE_ID: 'PHONE' })

const serverLead = {
  ID: '7',
  TITLE: 'Old title',
  NAME: 'Anna',
  OPPORTUNITY: '15000.00',
  STATUS_ID: 'NEW',
  COMMENTS: null,
  BIRTHDATE: '',
  PHONE: [phone('1', '+1'), phone('2', '+2', 'MOBILE')],
  EMAIL: [{ ID: '5', VALUE_TYPE: 'WORK', VALUE: 'a@b.c', TYPE_ID: 'EMAIL' }]
}

describe('mergeUpdate: scalar fields', () => {
  type Case = [string, { base: FieldPatch; mine: FieldPatch; theirs: FieldPatch }, object]
  const cases: Case[] = [
    [
      'unchanged on the server → send mine',
      { base: { TITLE: 'Old title' }, mine: { TITLE: 'New' }, theirs: {} },
      { send: { TITLE: 'New' }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'unchanged, written differently ("15000.00" vs 15000) → send mine',
      { base: { OPPORTUNITY: 15000 }, mine: { OPPORTUNITY: '20000' }, theirs: {} },
      { send: { OPPORTUNITY: '20000' }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'changed on the server to my value → nothing to send',
      { base: { TITLE: 'Old title' }, mine: { TITLE: 'New' }, theirs: { TITLE: 'New' } },
      { send: {}, conflicts: [], alreadyApplied: ['TITLE'] }
    ],
    [
      'changed on the server to my value, printed its way → nothing to send',
      { base: { OPPORTUNITY: '100.00' }, mine: { OPPORTUNITY: 20000 }, theirs: { OPPORTUNITY: '20000.00' } },
      { send: {}, conflicts: [], alreadyApplied: ['OPPORTUNITY'] }
    ],
    [
      'changed on the server to another value → conflict',
      { base: { TITLE: 'Old title' }, mine: { TITLE: 'Mine' }, theirs: { TITLE: 'Theirs' } },
      {
        send: {},
        conflicts: [{ field: 'TITLE', base: 'Old title', mine: 'Mine', theirs: 'Theirs' }],
        alreadyApplied: []
      }
    ],
    [
      'cleared on the server while I changed it → conflict',
      { base: { NAME: 'Anna' }, mine: { NAME: 'Anya' }, theirs: { NAME: null } },
      { send: {}, conflicts: [{ field: 'NAME', base: 'Anna', mine: 'Anya', theirs: null }], alreadyApplied: [] }
    ],
    [
      'I cleared it, the server changed it → conflict',
      { base: { NAME: 'Anna' }, mine: { NAME: '' }, theirs: { NAME: 'Anya' } },
      { send: {}, conflicts: [{ field: 'NAME', base: 'Anna', mine: '', theirs: 'Anya' }], alreadyApplied: [] }
    ],
    [
      'mine equals the base (not an edit) while the server changed it → nothing, no conflict',
      { base: { TITLE: 'Old title' }, mine: { TITLE: 'Old title' }, theirs: { TITLE: 'Theirs' } },
      { send: {}, conflicts: [], alreadyApplied: [] }
    ],
    [
      'base missing a field, server differs from mine → conflict with an unknown base',
      { base: {}, mine: { UF_CRM_NEW: 'x' }, theirs: { UF_CRM_NEW: 'y' } },
      { send: {}, conflicts: [{ field: 'UF_CRM_NEW', base: undefined, mine: 'x', theirs: 'y' }], alreadyApplied: [] }
    ],
    [
      'base missing a field, server empty → still a conflict (the server may have cleared it)',
      { base: {}, mine: { COMMENTS: 'x' }, theirs: {} },
      { send: {}, conflicts: [{ field: 'COMMENTS', base: undefined, mine: 'x', theirs: null }], alreadyApplied: [] }
    ],
    [
      'base missing a field, server holds mine → nothing to send',
      { base: {}, mine: { STATUS_ID: 'NEW' }, theirs: {} },
      { send: {}, conflicts: [], alreadyApplied: ['STATUS_ID'] }
    ],
    [
      'base recorded as null (known empty), server unchanged → send mine',
      { base: { COMMENTS: null }, mine: { COMMENTS: 'x' }, theirs: {} },
      { send: { COMMENTS: 'x' }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'a field absent from the server lead counts as empty',
      { base: { UF_CRM_GONE: '' }, mine: { UF_CRM_GONE: 'x' }, theirs: {} },
      { send: { UF_CRM_GONE: 'x' }, conflicts: [], alreadyApplied: [] }
    ]
  ]

  it.each(cases)('%s', (_description, { base, mine, theirs }, expected) => {
    expect(mergeUpdate({ base, mine, theirs: { ...serverLead, ...theirs } })).toEqual({
      deletedOnServer: false,
      ...expected
    })
  })

  it('never sends a field the patch does not name, however the server changed it (disjoint edits merge)', () => {
    const result = mergeUpdate({
      base: { TITLE: 'Old title' },
      mine: { TITLE: 'New' },
      theirs: { ...serverLead, NAME: 'Changed', STATUS_ID: 'JUNK', OPPORTUNITY: '1.00', PHONE: [] }
    })
    expect(result).toEqual({ send: { TITLE: 'New' }, conflicts: [], alreadyApplied: [], deletedOnServer: false })
  })

  it('handles every outcome in one patch', () => {
    const result = mergeUpdate({
      base: { TITLE: 'Old title', NAME: 'Anna', STATUS_ID: 'NEW', OPPORTUNITY: '15000.00' },
      mine: { TITLE: 'New', NAME: 'Anya', STATUS_ID: 'IN_PROCESS', OPPORTUNITY: '15000' },
      theirs: { ...serverLead, NAME: 'Ann', STATUS_ID: 'IN_PROCESS' }
    })
    expect(result).toEqual({
      send: { TITLE: 'New' },
      conflicts: [{ field: 'NAME', base: 'Anna', mine: 'Anya', theirs: 'Ann' }],
      alreadyApplied: ['STATUS_ID'],
      deletedOnServer: false
    })
  })

  it('lead deleted on the portal → deletedOnServer, nothing sent, no conflicts listed', () => {
    expect(mergeUpdate({ base: { TITLE: 'Old title' }, mine: { TITLE: 'New' }, theirs: null })).toEqual({
      send: {},
      conflicts: [],
      alreadyApplied: [],
      deletedOnServer: true
    })
  })

  it('uses the schema to compare user fields (multiple enumeration as a set)', () => {
    const schema = { userFields: [{ FIELD_NAME: 'UF_CRM_TAGS', USER_TYPE_ID: 'enumeration', MULTIPLE: 'Y' }] }
    const result = mergeUpdate({
      base: { UF_CRM_TAGS: ['1'] },
      mine: { UF_CRM_TAGS: ['2', '3'] },
      theirs: { ID: '7', UF_CRM_TAGS: ['3', '2'] },
      schema
    })
    expect(result.alreadyApplied).toEqual(['UF_CRM_TAGS'])
    expect(result.send).toEqual({})
  })
})

describe('mergeUpdate: address parts travel together (§6.4)', () => {
  const addressed = { ...serverLead, ADDRESS: 'Main st 1', ADDRESS_CITY: 'Riga', ADDRESS_COUNTRY: 'Latvia' }

  it('an update of one part sends the other parts as the server has them now', () => {
    const result = mergeUpdate({
      base: { ADDRESS_CITY: 'Riga' },
      mine: { ADDRESS_CITY: 'Jurmala' },
      theirs: { ...addressed, ADDRESS: 'Sea st 2' }
    })
    expect(result.send).toEqual({ ADDRESS_CITY: 'Jurmala', ADDRESS: 'Sea st 2', ADDRESS_COUNTRY: 'Latvia' })
    expect(result.conflicts).toEqual([])
  })

  it('no address part in the patch → no address sent', () => {
    expect(mergeUpdate({ base: { TITLE: 'Old title' }, mine: { TITLE: 'x' }, theirs: addressed }).send).toEqual({
      TITLE: 'x'
    })
  })

  it('an address part in conflict is sent as the server has it until the user resolves it', () => {
    const result = mergeUpdate({
      base: { ADDRESS: 'Main st 1', ADDRESS_CITY: 'Riga' },
      mine: { ADDRESS: 'Mine st', ADDRESS_CITY: 'Jurmala' },
      theirs: { ...addressed, ADDRESS: 'Theirs st' }
    })
    expect(result.send).toEqual({ ADDRESS_CITY: 'Jurmala', ADDRESS: 'Theirs st', ADDRESS_COUNTRY: 'Latvia' })
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['ADDRESS'])
  })

  it('withFullAddress leaves a patch alone when the lead has no address keys, and never overrides a part', () => {
    expect(withFullAddress({ ADDRESS: 'x' }, { ID: '1' })).toEqual({ ADDRESS: 'x' })
    expect(withFullAddress({ ADDRESS: 'x' }, { ADDRESS: 'y', ADDRESS_2: null })).toEqual({
      ADDRESS: 'x',
      ADDRESS_2: null
    })
  })
})

describe('mergeUpdate: multifields per item (§6.3)', () => {
  type Case = [string, { base?: unknown; mine: unknown[]; theirs: unknown }, object]
  const basePhones = [phone('1', '+1'), phone('2', '+2', 'MOBILE')]
  const cases: Case[] = [
    [
      'I add a phone while the server added another → both kept, no conflict',
      { mine: [{ VALUE: '+3', VALUE_TYPE: 'WORK' }], theirs: [...basePhones, phone('9', '+9')] },
      { send: { PHONE: [{ VALUE: '+3', VALUE_TYPE: 'WORK' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'I add a phone the server already has → nothing to send',
      { mine: [{ VALUE: '+9' }], theirs: [...basePhones, phone('9', '+9')] },
      { send: {}, conflicts: [], alreadyApplied: ['PHONE'] }
    ],
    [
      'I add a phone the server has with another type → sent',
      { mine: [{ VALUE: '+9', VALUE_TYPE: 'HOME' }], theirs: [...basePhones, phone('9', '+9')] },
      { send: { PHONE: [{ VALUE: '+9', VALUE_TYPE: 'HOME' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'I change an item the server did not touch → sent',
      { mine: [{ ID: '1', VALUE: '+10' }], theirs: basePhones },
      { send: { PHONE: [{ ID: '1', VALUE: '+10' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'I change an item; the server changed another → mine sent, no conflict',
      { mine: [{ ID: '1', VALUE: '+10' }], theirs: [phone('1', '+1'), phone('2', '+22', 'MOBILE')] },
      { send: { PHONE: [{ ID: '1', VALUE: '+10' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'both changed the same item to the same value → nothing to send',
      { mine: [{ ID: '1', VALUE: '+10', VALUE_TYPE: 'WORK' }], theirs: [phone('1', '+10'), basePhones[1]] },
      { send: {}, conflicts: [], alreadyApplied: ['PHONE'] }
    ],
    [
      'both changed the same item to different values → conflict',
      { mine: [{ ID: '1', VALUE: '+10' }], theirs: [phone('1', '+11'), basePhones[1]] },
      {
        send: {},
        conflicts: [
          {
            field: 'PHONE',
            base: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+1' },
            mine: { ID: '1', VALUE: '+10' },
            theirs: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+11' }
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'same value but the server changed the type → conflict',
      { mine: [{ ID: '1', VALUE: '+10' }], theirs: [phone('1', '+1', 'HOME'), basePhones[1]] },
      {
        send: {},
        conflicts: [
          {
            field: 'PHONE',
            base: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+1' },
            mine: { ID: '1', VALUE: '+10' },
            theirs: { ID: '1', VALUE_TYPE: 'HOME', VALUE: '+1' }
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'I change an item the server deleted → conflict (theirs: null)',
      { mine: [{ ID: '1', VALUE: '+10' }], theirs: [basePhones[1]] },
      {
        send: {},
        conflicts: [
          {
            field: 'PHONE',
            base: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+1' },
            mine: { ID: '1', VALUE: '+10' },
            theirs: null
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'I delete an item the server did not touch → sent',
      { mine: [{ ID: '2', DELETE: 'Y' }], theirs: basePhones },
      { send: { PHONE: [{ ID: '2', DELETE: 'Y' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'I delete (by empty VALUE) an item the server deleted too → nothing to send',
      { mine: [{ ID: '2', VALUE: '' }], theirs: [basePhones[0]] },
      { send: {}, conflicts: [], alreadyApplied: ['PHONE'] }
    ],
    [
      'I delete an item the server changed → conflict',
      { mine: [{ ID: '2', DELETE: 'Y' }], theirs: [basePhones[0], phone('2', '+22', 'MOBILE')] },
      {
        send: {},
        conflicts: [
          {
            field: 'PHONE',
            base: { ID: '2', VALUE_TYPE: 'MOBILE', VALUE: '+2' },
            mine: { ID: '2', DELETE: 'Y' },
            theirs: { ID: '2', VALUE_TYPE: 'MOBILE', VALUE: '+22' }
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'a change item equal to its base item is not an edit (full lists in a patch)',
      {
        mine: [
          { ID: '1', VALUE: '+1', VALUE_TYPE: 'WORK' },
          { ID: '2', VALUE: '+20' }
        ],
        theirs: [phone('1', '+100'), basePhones[1]]
      },
      { send: { PHONE: [{ ID: '2', VALUE: '+20' }] }, conflicts: [], alreadyApplied: [] }
    ],
    [
      'base not known: a change conflicts unless the server holds it',
      {
        base: undefined,
        mine: [
          { ID: '1', VALUE: '+10' },
          { ID: '2', VALUE: '+2' }
        ],
        theirs: basePhones
      },
      {
        send: {},
        conflicts: [
          {
            field: 'PHONE',
            base: null,
            mine: { ID: '1', VALUE: '+10' },
            theirs: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+1' }
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'withdrawals and empty items are never sent',
      { mine: [{ VALUE: '+5', DELETE: 'Y' }, { VALUE: '' }], theirs: basePhones },
      { send: {}, conflicts: [], alreadyApplied: [] }
    ],
    [
      'several items: some sent, one already there, one in conflict',
      {
        mine: [{ VALUE: '+3' }, { VALUE: '+4' }, { ID: '1', DELETE: 'Y' }, { ID: '2', VALUE: '+20' }],
        theirs: [phone('1', '+1'), phone('2', '+21', 'MOBILE'), phone('4', '+4')]
      },
      {
        send: { PHONE: [{ VALUE: '+3' }, { ID: '1', DELETE: 'Y' }] },
        conflicts: [
          {
            field: 'PHONE',
            base: { ID: '2', VALUE_TYPE: 'MOBILE', VALUE: '+2' },
            mine: { ID: '2', VALUE: '+20' },
            theirs: { ID: '2', VALUE_TYPE: 'MOBILE', VALUE: '+21' }
          }
        ],
        alreadyApplied: []
      }
    ],
    [
      'first phone of a lead (no PHONE key on the server)',
      { base: [], mine: [{ VALUE: '+1' }], theirs: undefined },
      { send: { PHONE: [{ VALUE: '+1' }] }, conflicts: [], alreadyApplied: [] }
    ]
  ]

  it.each(cases)('%s', (_description, { mine, theirs, ...rest }, expected) => {
    const base = 'base' in rest ? (rest.base === undefined ? {} : { PHONE: rest.base }) : { PHONE: basePhones }
    const lead = { ID: '7', ...(theirs === undefined ? {} : { PHONE: theirs }) }
    expect(mergeUpdate({ base, mine: { PHONE: mine }, theirs: lead })).toEqual({ deletedOnServer: false, ...expected })
  })

  it('sends only the items still to send when others arrived already', () => {
    const result = mergeUpdate({
      base: { PHONE: basePhones },
      mine: { PHONE: [{ VALUE: '+3' }, { VALUE: '+4' }] },
      theirs: { ID: '7', PHONE: [...basePhones, phone('3', '+3')] }
    })
    expect(result.send).toEqual({ PHONE: [{ VALUE: '+4' }] })
    expect(result.alreadyApplied).toEqual([])
  })

  it('e-mails merge the same way, independently of phones', () => {
    const result = mergeUpdate({
      base: { EMAIL: serverLead.EMAIL, PHONE: basePhones },
      mine: { EMAIL: [{ ID: '5', VALUE: 'new@b.c' }], PHONE: [{ ID: '1', VALUE: '+10' }] },
      theirs: { ...serverLead, PHONE: [phone('1', '+11'), basePhones[1]] }
    })
    expect(result.send).toEqual({ EMAIL: [{ ID: '5', VALUE: 'new@b.c' }] })
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['PHONE'])
  })
})

describe('resolveConflict', () => {
  const titleConflict: MergeConflict = { field: 'TITLE', base: 'Old', mine: 'Mine', theirs: 'Theirs' }

  it.each([
    [
      'mine → my value, against what the server has now',
      { kind: 'mine' as const },
      { patch: { TITLE: 'Mine' }, base: { TITLE: 'Theirs' } }
    ],
    ['theirs → nothing to send', { kind: 'theirs' as const }, null],
    [
      'edit → the edited value',
      { kind: 'edit' as const, value: 'Both' },
      { patch: { TITLE: 'Both' }, base: { TITLE: 'Theirs' } }
    ],
    ['edit to what the server has → nothing to send', { kind: 'edit' as const, value: 'Theirs' }, null]
  ])('scalar: %s', (_description, choice, expected) => {
    expect(resolveConflict(titleConflict, choice)).toEqual(expected)
  })

  it('compares an edited value with the field rules (15000 = "15000.00")', () => {
    const conflict: MergeConflict = { field: 'OPPORTUNITY', base: '1.00', mine: '2', theirs: '15000.00' }
    expect(resolveConflict(conflict, { kind: 'edit', value: 15000 })).toBeNull()
  })

  const changed: MergeConflict = {
    field: 'PHONE',
    base: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+1' },
    mine: { ID: '1', VALUE: '+10', VALUE_TYPE: 'HOME' },
    theirs: { ID: '1', VALUE_TYPE: 'WORK', VALUE: '+11' }
  }
  const deletedThere: MergeConflict = { ...changed, mine: { ID: '1', VALUE: '+10' }, theirs: null }
  const deletedHere: MergeConflict = { ...changed, mine: { ID: '1', DELETE: 'Y' } }
  const theirsItem = [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '+11' }]

  it.each<[string, MergeConflict, Parameters<typeof resolveConflict>[1], unknown]>([
    [
      'both changed, mine',
      changed,
      { kind: 'mine' },
      { patch: { PHONE: [{ ID: '1', VALUE: '+10', VALUE_TYPE: 'HOME' }] }, base: { PHONE: theirsItem } }
    ],
    ['both changed, theirs', changed, { kind: 'theirs' }, null],
    [
      'both changed, edit as text keeps my type',
      changed,
      { kind: 'edit', value: '+12' },
      { patch: { PHONE: [{ ID: '1', VALUE: '+12', VALUE_TYPE: 'HOME' }] }, base: { PHONE: theirsItem } }
    ],
    [
      'both changed, edit as item',
      changed,
      { kind: 'edit', value: { VALUE: '+12', VALUE_TYPE: 'fax' } },
      { patch: { PHONE: [{ ID: '1', VALUE: '+12', VALUE_TYPE: 'FAX' }] }, base: { PHONE: theirsItem } }
    ],
    [
      'both changed, edit to empty deletes the item',
      changed,
      { kind: 'edit', value: '' },
      { patch: { PHONE: [{ ID: '1', DELETE: 'Y' }] }, base: { PHONE: theirsItem } }
    ],
    [
      'both changed, edit to the server item',
      changed,
      { kind: 'edit', value: { VALUE: '+11', VALUE_TYPE: 'WORK' } },
      null
    ],
    [
      'deleted on the server, mine → added again (the old ID is gone), with the base type',
      deletedThere,
      { kind: 'mine' },
      { patch: { PHONE: [{ VALUE: '+10', VALUE_TYPE: 'WORK' }] }, base: { PHONE: [] } }
    ],
    ['deleted on the server, theirs', deletedThere, { kind: 'theirs' }, null],
    [
      'deleted on the server, edit',
      deletedThere,
      { kind: 'edit', value: '+13' },
      { patch: { PHONE: [{ VALUE: '+13', VALUE_TYPE: 'WORK' }] }, base: { PHONE: [] } }
    ],
    ['deleted on the server, edit to empty', deletedThere, { kind: 'edit', value: '' }, null],
    [
      'I deleted, they changed: mine → delete',
      deletedHere,
      { kind: 'mine' },
      { patch: { PHONE: [{ ID: '1', DELETE: 'Y' }] }, base: { PHONE: theirsItem } }
    ],
    [
      'I deleted, they changed: edit → change',
      deletedHere,
      { kind: 'edit', value: '+14' },
      { patch: { PHONE: [{ ID: '1', VALUE: '+14', VALUE_TYPE: 'WORK' }] }, base: { PHONE: theirsItem } }
    ]
  ])('multifield item: %s', (_description, conflict, choice, expected) => {
    expect(resolveConflict(conflict, choice)).toEqual(expected)
  })

  it('a resolution pushed against an unchanged server is sent as it is', () => {
    const lead = { ...serverLead, PHONE: [phone('1', '+11'), phone('2', '+2', 'MOBILE')], TITLE: 'Theirs' }
    for (const conflict of [titleConflict, changed, deletedHere]) {
      const resolved = resolveConflict(conflict, { kind: 'mine' })!
      const merged = mergeUpdate({ base: resolved.base, mine: resolved.patch, theirs: lead })
      expect(merged.send).toEqual(resolved.patch)
      expect(merged.conflicts).toEqual([])
    }
  })

  it('a resolution is a conflict again when the server changes once more before the push', () => {
    const resolved = resolveConflict(titleConflict, { kind: 'mine' })!
    const merged = mergeUpdate({ base: resolved.base, mine: resolved.patch, theirs: { ID: '7', TITLE: 'Third' } })
    expect(merged.conflicts).toEqual([{ field: 'TITLE', base: 'Theirs', mine: 'Mine', theirs: 'Third' }])
  })
})

describe('mergeUpdate: properties over random leads and edits', () => {
  const runs = 400

  it('a server unchanged since the edit gets exactly the (canonical) patch', () => {
    const random = seededRandom(1)
    for (let run = 0; run < runs; run++) {
      const lead = randomLead(random)
      const edit = withoutNoopFields(randomEdit(random, lead), randomSchema)
      const result = mergeUpdate({ ...edit, mine: edit.patch, theirs: lead, schema: randomSchema })
      expect(result.send).toEqual(edit.patch)
      expect(result.conflicts).toEqual([])
      expect(result.alreadyApplied).toEqual([])
    }
  })

  it('a server that made the same changes gets nothing, and every field is listed as already applied', () => {
    const random = seededRandom(2)
    for (let run = 0; run < runs; run++) {
      const lead = randomLead(random)
      const edit = withoutNoopFields(randomEdit(random, lead), randomSchema)
      const result = mergeUpdate({
        ...edit,
        mine: edit.patch,
        theirs: applyPatch(lead, edit.patch),
        schema: randomSchema
      })
      expect(result.send).toEqual({})
      expect(result.conflicts).toEqual([])
      expect(result.alreadyApplied.sort()).toEqual(Object.keys(edit.patch).sort())
    }
  })

  it('changes on the server to other fields merge: the patch is sent, no conflict', () => {
    const random = seededRandom(3)
    for (let run = 0; run < runs; run++) {
      const lead = randomLead(random)
      const edit = withoutNoopFields(randomEdit(random, lead), randomSchema)
      const theirs = { ...lead }
      for (const field of randomFields) if (!(field in edit.patch)) theirs[field] = randomValue(random, field)
      if (!('PHONE' in edit.patch)) theirs.PHONE = [phone('500', '+500')]
      const result = mergeUpdate({ ...edit, mine: edit.patch, theirs, schema: randomSchema })
      expect(result.send).toEqual(edit.patch)
      expect(result.conflicts).toEqual([])
    }
  })

  it('a field changed on both sides: applied when equal to mine, else a conflict; never silently overwritten', () => {
    const random = seededRandom(4)
    let conflicts = 0
    for (let run = 0; run < runs; run++) {
      const lead = randomLead(random)
      const edit = withoutNoopFields(randomEdit(random, lead), randomSchema)
      const theirs = { ...lead }
      for (const field of randomFields) theirs[field] = randomValue(random, field)
      const result = mergeUpdate({ ...edit, mine: edit.patch, theirs, schema: randomSchema })
      for (const field of Object.keys(edit.patch).filter((name) => name !== 'PHONE')) {
        const same = (a: unknown, b: unknown) => sameFieldValue(field, a, b, randomSchema)
        const changedThere = !same(theirs[field], edit.base[field])
        const holdsMine = same(theirs[field], edit.patch[field])
        expect(field in result.send).toBe(!changedThere && !holdsMine)
        expect(result.alreadyApplied.includes(field)).toBe(holdsMine)
        const conflict = result.conflicts.find((item) => item.field === field)
        expect(conflict !== undefined).toBe(changedThere && !holdsMine)
        if (conflict) {
          conflicts++
          expect(conflict).toEqual({ field, base: edit.base[field], mine: edit.patch[field], theirs: theirs[field] })
        }
      }
    }
    expect(conflicts).toBeGreaterThan(50)
  })
})
