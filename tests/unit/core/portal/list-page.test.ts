import { describe, expect, it } from 'vitest'
import { heldPage } from '../../../../electron/core/portal/list-page'
import { PortalError } from '../../../../electron/core/portal/portal-error'
import { RawJson } from '../../../../electron/core/portal/raw-json'

const raw = (text: string) => RawJson.of(text)

describe('heldPage (a list page held until its reader takes it)', () => {
  it('counts an unparsed page and reads only its last row until asked for all', () => {
    const page = heldPage<{ ID: string }>('crm.lead.list', raw('[{"ID":"1"},{"ID":"2"},{"ID":"3"}]'))
    expect(page.count).toBe(3)
    expect(page.lastRow()).toEqual({ ID: '3' })
    expect(page.rows()).toEqual([{ ID: '1' }, { ID: '2' }, { ID: '3' }])
  })

  it('finds the rows under itemsKey, and takes an empty map as no rows', () => {
    const items = heldPage('crm.item.list', raw('{"items":[{"id":5}]}'), 'items')
    expect([items.count, items.rows()]).toEqual([1, [{ id: 5 }]])
    for (const empty of [heldPage('crm.lead.list', raw('{}')), heldPage('crm.item.list', raw('{"items":{}}'), 'items')])
      expect([empty.count, empty.lastRow(), empty.rows()]).toEqual([0, undefined, []])
  })

  it('gives parsed pages the same way', () => {
    const page = heldPage('crm.lead.list', [{ ID: '1' }, { ID: '2' }])
    expect([page.count, page.lastRow(), page.rows().length]).toEqual([2, { ID: '2' }, 2])
  })

  it('says clearly when the answer is not a list, or its rows are not JSON', () => {
    expect(() => heldPage('crm.lead.list', raw('"text"'))).toThrow('crm.lead.list did not return a list of rows.')
    expect(() => heldPage('crm.item.list', raw('{"total":1}'), 'items')).toThrow(PortalError)
    const broken = heldPage('crm.lead.list', raw('[{"ID":"1"},{"ID":tru}]'))
    expect(broken.count).toBe(2)
    expect(() => broken.rows()).toThrow('crm.lead.list answered with rows that are not valid JSON.')
    expect(() => broken.lastRow()).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }))
  })
})
