import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { ALL_SCOPES } from '../../../electron/emulator/state/credentials'
import { admin, call, result, startTestEmulator } from '../../support/emulator'
import { appToken, formPost, oauthBase, webhookWithScopes } from '../../support/emulator-protocol'

const ANNA = {
  ID: '1',
  ACTIVE: true,
  NAME: 'Anna',
  LAST_NAME: 'Smith',
  SECOND_NAME: '',
  EMAIL: 'admin@example.com',
  LAST_LOGIN: '',
  DATE_REGISTER: '2024-01-15T00:00:00+03:00',
  TIME_ZONE: '',
  IS_ONLINE: 'N',
  PERSONAL_GENDER: '',
  PERSONAL_BIRTHDAY: '',
  WORK_POSITION: '',
  UF_EMPLOYMENT_DATE: '',
  UF_DEPARTMENT: [1],
  USER_TYPE: 'employee'
}

describe('user, profile, scope, app.info, crm.settings.mode.get', () => {
  let emulator: Emulator

  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())
  afterEach(async () => {
    await admin(emulator, 'reset', {})
  })

  const asApp = (method: string, params: Record<string, unknown> = {}, userId = 1) =>
    call(emulator, method, { ...params, auth: appToken(emulator, userId) }, { url: oauthBase(emulator) })
  const userIds = async (params: Record<string, unknown>, url?: string) => {
    const reply = await call(emulator, 'user.get', params, { url })
    expect(reply.status).toBe(200)
    return (reply.body.result as Array<{ ID: string }>).map((user) => user.ID)
  }

  describe('user.current', () => {
    it('returns the caller with the fields of the user scope, in the portal order', async () => {
      const me = await result<Record<string, unknown>>(emulator, 'user.current')
      expect(me).toEqual(ANNA)
      expect(Object.keys(me)).toEqual(Object.keys(ANNA))
    })

    it('is the token owner for an application', async () => {
      const reply = await asApp('user.current', {}, 2)
      expect(reply.body.result).toMatchObject({ ID: '2', NAME: 'John', EMAIL: 'manager@example.com' })
    })

    it('narrows the fields for user_basic (no LAST_LOGIN) and user_brief (no EMAIL either)', async () => {
      const basic = await call(emulator, 'user.current', {}, { url: webhookWithScopes(emulator, ['user_basic']) })
      const brief = await call(emulator, 'user.current', {}, { url: webhookWithScopes(emulator, ['user_brief']) })
      const without = (...names: string[]) =>
        Object.fromEntries(Object.entries(ANNA).filter(([name]) => !names.includes(name)))
      expect(basic.body.result).toEqual(without('LAST_LOGIN'))
      expect(brief.body.result).toEqual(without('LAST_LOGIN', 'EMAIL'))
    })

    it('needs one of the user scopes', async () => {
      const reply = await call(emulator, 'user.current', {}, { url: webhookWithScopes(emulator, ['crm']) })
      expect(reply.status).toBe(403)
      expect(reply.body).toEqual({
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the webhook token'
      })
    })

    it('reports the missing scope inside a batch with an empty description, like the REST server', async () => {
      const url = webhookWithScopes(emulator, ['crm'])
      const reply = await call(emulator, 'batch', { cmd: { me: 'user.current', users: 'user.get' } }, { url })
      const errors = (reply.body.result as { result_error: Record<string, unknown> }).result_error
      expect(errors).toEqual({
        me: { error: 'insufficient_scope', error_description: '' },
        users: { error: 'insufficient_scope', error_description: '' }
      })
    })
  })

  describe('user.get', () => {
    it('lists every user, inactive ones too, with total', async () => {
      await admin(emulator, 'users', { id: 3, active: false })
      const reply = await call(emulator, 'user.get')
      expect(reply.body.total).toBe(3)
      expect(reply.body.next).toBeUndefined()
      expect((reply.body.result as Array<Record<string, unknown>>).map((user) => [user.ID, user.ACTIVE])).toEqual([
        ['1', true],
        ['2', true],
        ['3', false]
      ])
    })

    it('excludes dismissed users with ACTIVE: true', async () => {
      await admin(emulator, 'users', { id: 3, active: false })
      expect(await userIds({ FILTER: { ACTIVE: true } })).toEqual(['1', '2'])
      expect(await userIds({ FILTER: { ACTIVE: false } })).toEqual(['3'])
    })

    it('reads the filter from FILTER when it is an array, else from the top-level keys', async () => {
      expect(await userIds({ ID: 2 })).toEqual(['2'])
      expect(await userIds({ filter: { ID: 2 }, ID: 3 })).toEqual(['2'])
    })

    const filters: Array<[string, Record<string, unknown>, string[]]> = [
      ['exact EMAIL', { EMAIL: 'manager@example.com' }, ['2']],
      ['a plain value with % as a LIKE pattern', { NAME: 'An%' }, ['1']],
      ['=% with the caller pattern', { '=%LAST_NAME': '%s' }, ['3']],
      ['% as a substring', { '%NAME': 'LIV' }, ['3']],
      ['!% as NOT substring', { '!%LAST_NAME': 'o' }, ['1']],
      ['> on ID', { '>ID': 1 }, ['2', '3']],
      ['<= on ID', { '<=ID': '2' }, ['1', '2']],
      ['! on ID', { '!ID': 2 }, ['1', '3']],
      ['!@ as NOT IN', { '!@ID': [1, 2] }, ['3']],
      ['NAME_SEARCH by word prefixes', { NAME_SEARCH: 'oli jo' }, ['3']],
      ['NAME_SEARCH on the e-mail', { NAME_SEARCH: 'admin@' }, ['1']],
      ['USER_TYPE', { USER_TYPE: 'employee' }, ['1', '2', '3']],
      ['no key the caller may not read (ignored)', { PASSWORD: 'x', FOO: 'bar' }, ['1', '2', '3']],
      [
        'a three-character prefix, which the portal reads as an unknown field (ignored)',
        { '!%=NAME': 'Anna' },
        ['1', '2', '3']
      ]
    ]
    it.each(filters)('filters with %s', async (_name, filter, expected) => {
      expect(await userIds({ filter })).toEqual(expected)
    })

    it('ignores filters on fields outside the caller field set (EMAIL for user_brief)', async () => {
      const brief = webhookWithScopes(emulator, ['user_brief'])
      expect(await userIds({ filter: { EMAIL: 'manager@example.com' } }, brief)).toEqual(['1', '2', '3'])
    })

    it('sorts with SORT and ORDER together, by ID otherwise', async () => {
      expect(await userIds({ SORT: 'NAME', ORDER: 'desc' })).toEqual(['3', '2', '1'])
      expect(await userIds({ SORT: 'LAST_NAME', ORDER: 'ASC' })).toEqual(['2', '3', '1'])
      expect(await userIds({ SORT: 'ID', ORDER: 'DESC' })).toEqual(['3', '2', '1'])
      expect(await userIds({ SORT: 'NAME' })).toEqual(['1', '2', '3'])
    })

    describe('paging (the ORM kind: start is the exact offset)', () => {
      const pageOf = (start: number) => call(emulator, 'user.get', { start })

      // The outer afterEach resets the portal, so the extra users are added before each test.
      beforeEach(() => {
        for (let id = 4; id <= 123; id++) {
          emulator.portal.users.push({
            ...emulator.portal.user(2)!,
            id,
            name: `User${id}`,
            email: `u${id}@example.com`
          })
        }
      })

      it('pages by 50 with next and total', async () => {
        const first = await pageOf(0)
        expect(Object.keys(first.body)).toEqual(['result', 'next', 'total', 'time'])
        expect(first.body).toMatchObject({ next: 50, total: 123 })
        expect((first.body.result as unknown[]).length).toBe(50)
        const last = await pageOf(100)
        expect((last.body.result as Array<{ ID: string }>).map((user) => user.ID)).toEqual(
          Array.from({ length: 23 }, (_, index) => String(101 + index))
        )
        expect(last.body.total).toBe(123)
        expect(last.body.next).toBeUndefined()
      })

      it('starts exactly at a start that is not a multiple of 50', async () => {
        const page = await pageOf(10)
        expect((page.body.result as Array<{ ID: string }>)[0]!.ID).toBe('11')
        expect(page.body).toMatchObject({ next: 60, total: 123 })
      })

      it('skips counting with start=-1: total 0, no next', async () => {
        const page = await pageOf(-1)
        expect((page.body.result as unknown[]).length).toBe(50)
        expect(page.body.total).toBe(0)
        expect(page.body.next).toBeUndefined()
      })

      it('answers an empty page with a bare [] and no total', async () => {
        const page = await pageOf(500)
        expect(Object.keys(page.body)).toEqual(['result', 'time'])
        expect(page.body.result).toEqual([])
      })
    })
  })

  describe('profile', () => {
    it('returns the basic data of the caller, with the offset in seconds', async () => {
      expect(await result(emulator, 'profile')).toEqual({
        ID: '1',
        ADMIN: true,
        NAME: 'Anna',
        LAST_NAME: 'Smith',
        PERSONAL_GENDER: '',
        TIME_ZONE: '',
        TIME_ZONE_OFFSET: 10800
      })
    })

    it('needs no scope, reports ADMIN false for a manager, follows the portal offset', async () => {
      await admin(emulator, 'clock', { utcOffsetMinutes: -300 })
      try {
        const reply = await call(emulator, 'profile', {}, { url: webhookWithScopes(emulator, [], 2) })
        expect(reply.body.result).toMatchObject({ ID: '2', ADMIN: false, TIME_ZONE_OFFSET: -18000 })
      } finally {
        await admin(emulator, 'clock', { utcOffsetMinutes: 180 })
      }
    })
  })

  describe('scope', () => {
    it("lists the caller's scopes: the webhook's or the application's", async () => {
      expect(await result(emulator, 'scope')).toEqual(ALL_SCOPES)
      const limited = await call(emulator, 'scope', {}, { url: webhookWithScopes(emulator, ['crm', 'user']) })
      expect(limited.body.result).toEqual(['crm', 'user'])
      expect((await asApp('scope')).body.result).toEqual(['crm', 'user', 'profile'])
    })

    it('lists every scope of the portal with full=true', async () => {
      const url = webhookWithScopes(emulator, ['crm'])
      expect((await call(emulator, 'scope', { full: true }, { url })).body.result).toEqual(ALL_SCOPES)
      expect((await call(emulator, 'scope', { FULL: 1 }, { url })).body.result).toEqual(ALL_SCOPES)
      expect((await call(emulator, 'scope', { full: false }, { url })).body.result).toEqual(['crm'])
    })

    it('reads form-encoded full=false as true (PHP loose truth) and full=0 as false', async () => {
      const url = webhookWithScopes(emulator, ['crm'])
      expect((await formPost(`${url}scope`, 'full=false')).body.result).toEqual(ALL_SCOPES)
      expect((await formPost(`${url}scope`, 'full=0')).body.result).toEqual(['crm'])
    })
  })

  describe('app.info', () => {
    it('describes the local application to an OAuth caller', async () => {
      const app = emulator.credentials.apps[0]!
      expect((await asApp('app.info')).body.result).toEqual({
        ID: 1,
        CODE: app.clientId,
        VERSION: 1,
        STATUS: 'L',
        INSTALLED: true,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LANGUAGE_ID: 'en',
        LICENSE: 'en_pro100',
        LICENSE_TYPE: 'pro100',
        LICENSE_FAMILY: 'pro'
      })
    })

    it('answers a webhook with its scopes and the license only', async () => {
      const reply = await call(emulator, 'app.info', {}, { url: webhookWithScopes(emulator, ['crm', 'user']) })
      expect(reply.body.result).toEqual({ SCOPE: ['crm', 'user'], LICENSE: 'en_pro100' })
    })
  })

  describe('crm.settings.mode.get', () => {
    it('returns 1 for classic CRM and 2 after switching to simple mode', async () => {
      expect(await result(emulator, 'crm.settings.mode.get')).toBe(1)
      await admin(emulator, 'settings', { crmMode: 2 })
      expect(await result(emulator, 'crm.settings.mode.get')).toBe(2)
    })

    it('needs the crm scope', async () => {
      const reply = await call(emulator, 'crm.settings.mode.get', {}, { url: webhookWithScopes(emulator, ['user']) })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toBe('insufficient_scope')
    })
  })
})
