import { describe, expect, it } from 'vitest'
import {
  batchRef,
  referencedKeys,
  resolveReferences,
  resultRef,
  type ReferenceSource
} from '../../../../electron/core/portal/batch-references'

describe('batch references', () => {
  it('writes $result[key][path] and its siblings', () => {
    expect(resultRef('p3', 49, 'ID')).toBe('$result[p3][49][ID]')
    expect(resultRef('add')).toBe('$result[add]')
    expect(batchRef('next', 'list')).toBe('$next[list]')
  })

  it('finds the command keys a params object refers to', () => {
    const keys = referencedKeys({
      id: '$result[add]',
      filter: { '>ID': '$result[p3][49][ID]', note: 'after $next[list] and $RESULT[x]' },
      list: ['$total[t]', 5, null]
    })
    expect([...keys].sort()).toEqual(['add', 'list', 'p3', 't', 'x'])
  })

  it('fills in known references like the portal: whole values of any type, scalars inside text', () => {
    const sources = new Map<string, ReferenceSource>([
      ['add', { result: 11 }],
      ['list', { result: [{ ID: '7', PHONE: [{ VALUE: '1' }] }], total: 1 }],
      ['bad', { error: { error: '', error_description: 'Not found' } }]
    ])
    expect(
      resolveReferences(
        {
          id: '$result[add]',
          phones: '$result[list][0][PHONE]',
          title: 'Lead $result[list][0][ID] of $total[list]; $result[list][0][PHONE] stays',
          why: '$error[bad][error_description]',
          missing: '$result[list][5][ID]',
          later: '$result[other][ID]',
          keep: [1, true, null]
        },
        sources
      )
    ).toEqual({
      id: 11,
      phones: [{ VALUE: '1' }],
      title: 'Lead 7 of 1; $result[list][0][PHONE] stays',
      why: 'Not found',
      missing: '$result[list][5][ID]',
      later: '$result[other][ID]',
      keep: [1, true, null]
    })
  })
})
