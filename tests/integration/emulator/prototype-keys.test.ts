import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { parsePhpQuery } from '../../../electron/emulator/server/php-query'
import { call, result, startTestEmulator } from '../../support/emulator'
import { formPost } from '../../support/emulator-protocol'

/**
 * To PHP, `__proto__` and `constructor` are keys like any other. The emulator runs inside the app
 * (the demo portal): a request naming them must never reach the prototype every object shares.
 */
const sharedKeys = () => Object.keys(Object.prototype)

describe('request keys named like JavaScript internals', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())
  afterEach(() => {
    // Should a test fail by polluting, the next ones still start clean.
    for (const key of sharedKeys()) delete (Object.prototype as Record<string, unknown>)[key]
  })

  it('parse as plain keys', () => {
    const parsed = parsePhpQuery('a[__proto__][polluted]=1&constructor[prototype][x]=2&__proto__=3')
    expect(sharedKeys()).toEqual([])
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.keys(parsed)).toEqual(['a', 'constructor', '__proto__'])
    expect(Object.keys(parsed.a as object)).toEqual(['__proto__'])
  })

  it('in a form body, a batch command and a JSON body leave the shared prototype alone', async () => {
    const form = await formPost(
      `${emulator.webhookUrl}crm.lead.add`,
      'fields[TITLE]=Form&fields[__proto__][isAdmin]=1&fields[constructor][prototype][isAdmin]=1'
    )
    expect(form.status).toBe(200)
    const batch = await call(emulator, 'batch', {
      cmd: {
        a: 'crm.lead.list?filter[__proto__][isAdmin]=1&select[]=ID',
        b: 'crm.lead.add?fields[TITLE]=B&fields[__proto__][x]=1'
      }
    })
    expect(batch.status).toBe(200)
    await call(emulator, 'crm.lead.add', JSON.parse('{"fields": {"TITLE": "Json", "__proto__": {"isAdmin": "Y"}}}'))
    expect(sharedKeys()).toEqual([])
    const titles = (await result<Array<{ TITLE: string }>>(emulator, 'crm.lead.list', { select: ['TITLE'] })).map(
      (lead) => lead.TITLE
    )
    expect(titles).toEqual(expect.arrayContaining(['Form', 'B', 'Json']))
  })
})
