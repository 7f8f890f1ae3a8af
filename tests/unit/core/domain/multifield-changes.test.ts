import { describe, expect, it } from 'vitest'
import {
  applyItemChanges,
  canonicalChanges,
  diffEntries,
  readEntries,
  readItemChange,
  type MultifieldEntry
} from '../../../../electron/core/domain/multifield-changes'

const item = (ID: string, VALUE: string, VALUE_TYPE = 'WORK') => ({ ID, VALUE_TYPE, VALUE, TYPE_ID: 'PHONE' })
const entry = (ID: string | undefined, VALUE: string, VALUE_TYPE = 'WORK'): MultifieldEntry =>
  ID ? { ID, VALUE_TYPE, VALUE } : { VALUE_TYPE, VALUE }

describe('readItemChange (§6.3 input items)', () => {
  it.each([
    [
      { VALUE: '555', VALUE_TYPE: 'work' },
      { kind: 'add', value: '555', valueType: 'WORK' }
    ],
    [{ VALUE: ' 555 ' }, { kind: 'add', value: '555', valueType: undefined }],
    [
      { ID: 224, VALUE: 'new', VALUE_TYPE: 'HOME' },
      { kind: 'change', id: '224', value: 'new', valueType: 'HOME' }
    ],
    [
      { ID: '224', VALUE: 'new' },
      { kind: 'change', id: '224', value: 'new', valueType: undefined }
    ],
    [
      { ID: 224, DELETE: 'Y' },
      { kind: 'delete', id: '224' }
    ],
    [
      { ID: 224, DELETE: 'y', VALUE: 'kept?' },
      { kind: 'delete', id: '224' }
    ],
    [
      { ID: 224, VALUE: '' },
      { kind: 'delete', id: '224' }
    ],
    [{ ID: 224 }, { kind: 'delete', id: '224' }],
    [
      { ID: '12abc', VALUE: 'x' },
      { kind: 'change', id: '12', value: 'x', valueType: undefined }
    ],
    [
      { ID: 0, VALUE: 'x' },
      { kind: 'add', value: 'x', valueType: undefined }
    ],
    [
      { ID: '', VALUE: 'x' },
      { kind: 'add', value: 'x', valueType: undefined }
    ],
    [{ VALUE: '' }, { kind: 'none' }],
    [{ VALUE: null, DELETE: 'Y' }, { kind: 'none' }],
    [
      { VALUE: 'x', DELETE: 'Y' },
      { kind: 'withdraw', value: 'x', valueType: undefined }
    ],
    ['555', { kind: 'none' }],
    [null, { kind: 'none' }]
  ])('%j → %j', (raw, change) => expect(readItemChange(raw)).toEqual(change))
})

describe('readEntries', () => {
  it('reads printed items, fills the default type, drops empty values and keeps the ID only when there is one', () => {
    expect(
      readEntries('PHONE', [
        item('1', '+1'),
        { VALUE: '+2' },
        { ID: '3', VALUE: '' },
        { VALUE: '+4', VALUE_TYPE: 'home' }
      ])
    ).toEqual([entry('1', '+1'), entry(undefined, '+2'), entry(undefined, '+4', 'HOME')])
    expect(readEntries('IM', [{ VALUE: 'x' }])).toEqual([entry(undefined, 'x', 'OTHER')])
    expect(readEntries('LINK', [{ VALUE: 'x' }])).toEqual([entry(undefined, 'x', 'USER')])
    expect(readEntries('PHONE', undefined)).toEqual([])
    expect(readEntries('PHONE', { 0: item('1', '+1') })).toEqual([entry('1', '+1')])
  })
})

describe('applyItemChanges (the portal merge semantics)', () => {
  const base = [entry('1', '+1'), entry('2', '+2', 'MOBILE')]

  it.each<[string, unknown[], MultifieldEntry[]]>([
    ['adds an item without ID, keeps the others', [{ VALUE: '+3' }], [...base, entry(undefined, '+3')]],
    ['changes an item by ID', [{ ID: '1', VALUE: '+10' }], [entry('1', '+10'), base[1]!]],
    ['changes the type by ID', [{ ID: '2', VALUE: '+2', VALUE_TYPE: 'HOME' }], [base[0]!, entry('2', '+2', 'HOME')]],
    ['deletes by ID', [{ ID: '1', DELETE: 'Y' }], [base[1]!]],
    ['deletes by empty value', [{ ID: '2', VALUE: '' }], [base[0]!]],
    [
      'ignores an ID the lead does not have',
      [
        { ID: '99', VALUE: 'x' },
        { ID: '98', DELETE: 'Y' }
      ],
      base
    ],
    ['adds a value the lead already has once only', [{ VALUE: '+1', VALUE_TYPE: 'WORK' }], base],
    [
      'adds the same value with another type',
      [{ VALUE: '+1', VALUE_TYPE: 'HOME' }],
      [...base, entry(undefined, '+1', 'HOME')]
    ],
    ['skips items without ID and value', [{ VALUE: '' }], base],
    ['withdraw removes an unsent addition', [{ VALUE: '+3' }, { VALUE: '+3', DELETE: 'Y' }], base],
    ['withdraw never removes a stored item', [{ VALUE: '+1', DELETE: 'Y' }], base]
  ])('%s', (_description, changes, expected) => {
    expect(applyItemChanges('PHONE', base, changes)).toEqual(expected)
  })

  it('does not change its input', () => {
    const entries = [entry('1', '+1')]
    applyItemChanges('PHONE', entries, [{ ID: '1', VALUE: '+9' }])
    expect(entries).toEqual([entry('1', '+1')])
  })
})

describe('diffEntries', () => {
  it('turns one list into the other with deletes, changes, withdrawals and additions', () => {
    const from = [entry('1', '+1'), entry('2', '+2'), entry('3', '+3'), entry(undefined, '+4')]
    const to = [entry('1', '+1'), entry('2', '+20', 'HOME'), entry(undefined, '+5')]
    const changes = diffEntries(from, to)
    expect(changes).toEqual([
      { ID: '2', VALUE: '+20', VALUE_TYPE: 'HOME' },
      { ID: '3', DELETE: 'Y' },
      { VALUE: '+4', VALUE_TYPE: 'WORK', DELETE: 'Y' },
      { VALUE: '+5', VALUE_TYPE: 'WORK' }
    ])
    expect(applyItemChanges('PHONE', from, changes)).toEqual([
      entry('1', '+1'),
      entry('2', '+20', 'HOME'),
      entry(undefined, '+5')
    ])
  })

  it('is empty for equal lists', () => {
    expect(diffEntries([entry('1', '+1'), entry(undefined, '+2')], [entry(undefined, '+2'), entry('1', '+1')])).toEqual(
      []
    )
  })
})

describe('canonicalChanges', () => {
  const base = [item('1', '+1'), item('2', '+2')]

  it.each<[string, unknown[][], unknown[]]>([
    ['drops a change to the value the item has', [[{ ID: '1', VALUE: '+1' }]], []],
    ['keeps a real change', [[{ ID: '1', VALUE: '+9' }]], [{ ID: '1', VALUE: '+9', VALUE_TYPE: 'WORK' }]],
    ['an addition then its withdrawal is nothing', [[{ VALUE: '+3' }], [{ VALUE: '+3', DELETE: 'Y' }]], []],
    ['a change then a change back is nothing', [[{ ID: '2', VALUE: '+7' }], [{ ID: '2', VALUE: '+2' }]], []],
    [
      'a change then a delete is a delete',
      [[{ ID: '2', VALUE: '+7' }], [{ ID: '2', DELETE: 'Y' }]],
      [{ ID: '2', DELETE: 'Y' }]
    ],
    ['an empty VALUE becomes DELETE', [[{ ID: '1', VALUE: '' }]], [{ ID: '1', DELETE: 'Y' }]],
    [
      'two additions of the same value are one',
      [[{ VALUE: '+3' }], [{ VALUE: '+3' }]],
      [{ VALUE: '+3', VALUE_TYPE: 'WORK' }]
    ],
    ['an addition of a value the lead has is nothing', [[{ VALUE: '+1' }]], []]
  ])('%s', (_description, lists, expected) => {
    expect(canonicalChanges('PHONE', base, ...lists)).toEqual(expected)
  })

  it('keeps changes to items whose value is not known (no base), without inventing a type', () => {
    expect(
      canonicalChanges('PHONE', undefined, [
        { ID: '7', VALUE: 'x' },
        { ID: '8', DELETE: 'Y' }
      ])
    ).toEqual([
      { ID: '7', VALUE: 'x' },
      { ID: '8', DELETE: 'Y' }
    ])
    expect(canonicalChanges('PHONE', [item('1', '+1')], [{ ID: '7', VALUE: 'x', VALUE_TYPE: 'HOME' }])).toEqual([
      { ID: '7', VALUE: 'x', VALUE_TYPE: 'HOME' }
    ])
  })
})
