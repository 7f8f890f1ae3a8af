import { describe, expect, it } from 'vitest'
import { encodePhpQuery } from '../../../../electron/core/portal/php-query'
import { parsePhpQuery } from '../../../../electron/emulator/server/php-query'

describe('encodePhpQuery (PHP bracket encoding of batch commands)', () => {
  it('writes nested maps and lists the way the portal parses them', () => {
    expect(
      encodePhpQuery({
        fields: { TITLE: 'X', PHONE: [{ VALUE: '1', VALUE_TYPE: 'WORK' }] },
        select: ['ID', 'TITLE']
      })
    ).toBe('fields[TITLE]=X&fields[PHONE][0][VALUE]=1&fields[PHONE][0][VALUE_TYPE]=WORK&select[]=ID&select[]=TITLE')
  })

  it('indexes lists of lists and leaves lists of scalars as []', () => {
    expect(encodePhpQuery({ rows: [[1, 2], [3]], ids: [5, 6] })).toBe(
      'rows[0][]=1&rows[0][]=2&rows[1][]=3&ids[]=5&ids[]=6'
    )
  })

  it('sends null as an empty string, leaves undefined out, booleans as 1/0, numbers in decimal', () => {
    expect(
      encodePhpQuery({ fields: { COMMENTS: null, SKIP: undefined, OPENED: true, CLOSED: false, OPPORTUNITY: 1500.5 } })
    ).toBe('fields[COMMENTS]=&fields[OPENED]=1&fields[CLOSED]=0&fields[OPPORTUNITY]=1500.5')
    expect(encodePhpQuery({ id: 42, big: 12345678901234567890n, flag: 'Y' })).toBe(
      'id=42&big=12345678901234567890&flag=Y'
    )
  })

  it('sends dates as ISO-8601', () => {
    expect(encodePhpQuery({ filter: { '>=DATE_MODIFY': new Date(Date.UTC(2024, 4, 23, 18, 18, 25)) } })).toBe(
      'filter[%3E%3DDATE_MODIFY]=2024-05-23T18%3A18%3A25.000Z'
    )
  })

  it('sends nothing for empty lists and maps (a query string cannot say "empty array")', () => {
    expect(encodePhpQuery({ filter: {}, select: [], order: { ID: 'ASC' } })).toBe('order[ID]=ASC')
    expect(encodePhpQuery({})).toBe('')
  })

  it('URL-encodes keys and values', () => {
    expect(encodePhpQuery({ filter: { '%TITLE': 'a&b=c 100% + ü', '!@STATUS_ID': ['NEW', 'IN PROCESS'] } })).toBe(
      'filter[%25TITLE]=a%26b%3Dc%20100%25%20%2B%20%C3%BC&filter[!%40STATUS_ID][]=NEW&filter[!%40STATUS_ID][]=IN%20PROCESS'
    )
    expect(encodePhpQuery({ fields: { TITLE: 'Лид №1' } })).toBe('fields[TITLE]=%D0%9B%D0%B8%D0%B4%20%E2%84%961')
  })

  it('keeps batch references literal, alone or inside text', () => {
    expect(
      encodePhpQuery({
        id: '$result[add]',
        filter: { '>ID': '$result[p3][49][ID]' },
        fields: { TITLE: 'Renamed $result[get][ID] & $next[list]' }
      })
    ).toBe(
      'id=$result[add]&filter[%3EID]=$result[p3][49][ID]&fields[TITLE]=Renamed%20$result[get][ID]%20%26%20$next[list]'
    )
  })

  it('refuses values and names it cannot express', () => {
    expect(() => encodePhpQuery({ id: Number.NaN })).toThrow('Cannot send NaN as id')
    expect(() => encodePhpQuery({ fields: { OPPORTUNITY: Infinity } })).toThrow('fields[OPPORTUNITY]')
    expect(() => encodePhpQuery({ 'a[b]': 1 })).toThrow('cannot contain brackets')
  })

  it('round-trips through the portal-side parser', () => {
    const params = {
      fields: {
        TITLE: 'Deal & co = 100%',
        PHONE: [
          { VALUE: '+7 (495) 123-45-67', VALUE_TYPE: 'WORK' },
          { ID: 7, DELETE: 'Y' }
        ],
        UF_CRM_TAGS: ['a', 'b c']
      },
      filter: { '>ID': 10, '@STATUS_ID': ['NEW'] },
      select: ['ID', 'TITLE', 'PHONE']
    }
    expect(parsePhpQuery(encodePhpQuery(params))).toEqual({
      fields: {
        TITLE: 'Deal & co = 100%',
        PHONE: [
          { VALUE: '+7 (495) 123-45-67', VALUE_TYPE: 'WORK' },
          { ID: '7', DELETE: 'Y' }
        ],
        UF_CRM_TAGS: ['a', 'b c']
      },
      filter: { '>ID': '10', '@STATUS_ID': ['NEW'] },
      select: ['ID', 'TITLE', 'PHONE']
    })
  })
})
