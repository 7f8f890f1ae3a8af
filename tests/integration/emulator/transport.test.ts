import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import type { MethodDefinition } from '../../../electron/emulator/methods/context'
import { ALL_SCOPES } from '../../../electron/emulator/state/credentials'
import { admin, call, startTestEmulator } from '../../support/emulator'
import { appToken, fetchJson, formPost, oauthBase, webhookWithScopes } from '../../support/emulator-protocol'

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/
const idsOf = (body: Record<string, unknown>) => (body.result as Array<{ ID: string }>).map((user) => user.ID)

describe('REST transport (docs/bitrix24-protocol.md §1–3)', () => {
  let emulator: Emulator
  let hook: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    hook = emulator.webhookUrl
  })
  afterAll(() => emulator.close())

  describe('URL shapes', () => {
    it('serves a webhook URL /rest/{userId}/{code}/{method}', async () => {
      const reply = await call(emulator, 'profile')
      expect(reply.status).toBe(200)
      expect(reply.body.result).toMatchObject({ ID: '1', NAME: 'Anna', LAST_NAME: 'Smith' })
    })

    it('serves the OAuth URL /rest/{method} with a token', async () => {
      const reply = await call(emulator, 'profile', { auth: appToken(emulator, 2) }, { url: oauthBase(emulator) })
      expect(reply.status).toBe(200)
      expect(reply.body.result).toMatchObject({ ID: '2', NAME: 'John' })
    })

    it('accepts the .json suffix on both shapes', async () => {
      const viaHook = await fetchJson(`${hook}profile.json`)
      const viaToken = await fetchJson(`${oauthBase(emulator)}profile.json?auth=${appToken(emulator, 3)}`)
      expect([viaHook.status, viaToken.status]).toEqual([200, 200])
      expect((viaHook.body.result as { ID: string }).ID).toBe('1')
      expect((viaToken.body.result as { ID: string }).ID).toBe('3')
    })

    it('matches method names case-insensitively', async () => {
      const reply = await call(emulator, 'PROFILE')
      expect(reply.status).toBe(200)
    })

    it('answers the .xml suffix with 400 INVALID_REQUEST (emulator choice: JSON only)', async () => {
      const reply = await fetchJson(`${hook}profile.xml`)
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe('INVALID_REQUEST')
    })
  })

  describe('parameters', () => {
    it('decodes form bodies with PHP bracket syntax, including lists inside maps', async () => {
      const reply = await formPost(`${hook}user.get`, 'filter[@ID][]=1&filter[@ID][]=3&SORT=ID&ORDER=DESC')
      expect(reply.status).toBe(200)
      expect(idsOf(reply.body)).toEqual(['3', '1'])
    })

    it('decodes explicit list indexes in form bodies', async () => {
      const reply = await formPost(`${hook}user.get`, 'FILTER%5B%40ID%5D%5B0%5D=2&FILTER%5B%40ID%5D%5B1%5D=3')
      expect(idsOf(reply.body)).toEqual(['2', '3'])
    })

    it('merges query parameters with a JSON body', async () => {
      const reply = await fetchJson(`${hook}user.get?SORT=ID&ORDER=DESC`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ filter: { '@ID': [1, 3] } })
      })
      expect(idsOf(reply.body)).toEqual(['3', '1'])
    })

    it('lets the body win over the query for the same key', async () => {
      const reply = await fetchJson(`${hook}user.get?SORT=ID&ORDER=ASC`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ORDER: 'DESC' })
      })
      expect(idsOf(reply.body)).toEqual(['3', '2', '1'])
    })

    it('counts a JSON body that does not parse as {} (no error), keeping query parameters', async () => {
      const broken = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"filter": {"ID": 2' }
      const withoutQuery = await fetchJson(`${hook}user.get`, broken)
      expect(withoutQuery.status).toBe(200)
      expect(idsOf(withoutQuery.body)).toEqual(['1', '2', '3'])
      const withQuery = await fetchJson(`${hook}user.get?filter[ID]=3`, broken)
      expect(idsOf(withQuery.body)).toEqual(['3'])
    })

    it('accepts GET with query parameters only', async () => {
      const reply = await fetchJson(`${hook}user.get?filter%5BID%5D=2`)
      expect(idsOf(reply.body)).toEqual(['2'])
    })
  })

  describe('authentication', () => {
    const profileId = (reply: { body: Record<string, unknown> }) => (reply.body.result as { ID: string }).ID

    it('takes the token from the auth parameter (JSON body and query)', async () => {
      const token = appToken(emulator, 2)
      const inBody = await call(emulator, 'profile', { auth: token }, { url: oauthBase(emulator) })
      const inQuery = await fetchJson(`${oauthBase(emulator)}profile?auth=${token}`)
      expect([profileId(inBody), profileId(inQuery)]).toEqual(['2', '2'])
    })

    it('takes the token from the access_token parameter', async () => {
      const reply = await formPost(`${oauthBase(emulator)}profile`, `access_token=${appToken(emulator, 3)}`)
      expect(reply.status).toBe(200)
      expect(profileId(reply)).toBe('3')
    })

    it('takes the token from an Authorization: Bearer header', async () => {
      const reply = await fetchJson(`${oauthBase(emulator)}profile`, {
        headers: { Authorization: `Bearer ${appToken(emulator, 2)}` }
      })
      expect(reply.status).toBe(200)
      expect(profileId(reply)).toBe('2')
    })

    it('answers 401 NO_AUTH_FOUND for a wrong webhook code or an unknown webhook user', async () => {
      const wrongCode = await fetchJson(`${emulator.url}/rest/1/not-the-code/profile`)
      const wrongUser = await fetchJson(hook.replace('/rest/1/', '/rest/99/') + 'profile')
      for (const reply of [wrongCode, wrongUser]) {
        expect(reply.status).toBe(401)
        expect(reply.body).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' })
      }
    })

    it('answers 401 NO_AUTH_FOUND when no credential is sent at all', async () => {
      const reply = await fetchJson(`${oauthBase(emulator)}profile`)
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' })
    })

    it('answers 401 invalid_token for an unknown token (UNCONFIRMED description)', async () => {
      const reply = await fetchJson(`${oauthBase(emulator)}profile?auth=0123456789abcdef0123456789abcdef`)
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ error: 'invalid_token', error_description: 'The access token provided is invalid.' })
    })

    it('answers 401 expired_token once the token is exactly one hour old', async () => {
      await admin(emulator, 'clock', { freeze: true })
      try {
        const token = appToken(emulator)
        await admin(emulator, 'clock', { advanceMs: 3_599_999 })
        expect((await call(emulator, 'profile', { auth: token }, { url: oauthBase(emulator) })).status).toBe(200)
        await admin(emulator, 'clock', { advanceMs: 1 })
        const reply = await call(emulator, 'profile', { auth: token }, { url: oauthBase(emulator) })
        expect(reply.status).toBe(401)
        expect(reply.body).toEqual({
          error: 'expired_token',
          error_description: 'The access token provided has expired.'
        })
      } finally {
        await admin(emulator, 'clock', { freeze: false })
      }
    })

    it('answers 403 INVALID_CREDENTIALS for the webhook of a deactivated user', async () => {
      await admin(emulator, 'users', { id: 3, active: false })
      try {
        const reply = await call(emulator, 'profile', {}, { userId: 3 })
        expect(reply.status).toBe(403)
        expect(reply.body).toEqual({ error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' })
      } finally {
        await admin(emulator, 'users', { id: 3, active: true })
      }
    })

    it('answers 403 insufficient_scope when the webhook lacks the method scope', async () => {
      const crmOnly = webhookWithScopes(emulator, ['crm'])
      const userOnly = webhookWithScopes(emulator, ['user'])
      const expected = {
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the webhook token'
      }
      const userCurrent = await call(emulator, 'user.current', {}, { url: crmOnly })
      const crmMode = await call(emulator, 'crm.settings.mode.get', {}, { url: userOnly })
      expect([userCurrent.status, crmMode.status]).toEqual([403, 403])
      expect(userCurrent.body).toEqual(expected)
      expect(crmMode.body).toEqual(expected)
      // Scope-free methods still answer.
      expect((await call(emulator, 'profile', {}, { url: crmOnly })).status).toBe(200)
    })
  })

  it('answers 404 ERROR_METHOD_NOT_FOUND for an unknown method', async () => {
    const reply = await call(emulator, 'no.such.method')
    expect(reply.status).toBe(404)
    expect(reply.body).toEqual({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' })
  })

  describe('envelope', () => {
    it('wraps a result with every time key, typed as the portal types them', async () => {
      const freshHook = webhookWithScopes(emulator, ALL_SCOPES)
      await admin(emulator, 'clock', { freeze: true })
      try {
        const now = emulator.portal.clock.now()
        const reply = await call(emulator, 'profile', {}, { url: freshHook })
        expect(reply.status).toBe(200)
        expect(Object.keys(reply.body)).toEqual(['result', 'time'])
        const time = reply.body.time as Record<string, unknown>
        expect(Object.keys(time)).toEqual([
          'start',
          'finish',
          'duration',
          'processing',
          'date_start',
          'date_finish',
          'operating_reset_at',
          'operating'
        ])
        // profile costs the modelled base of 4 ms; the first call of a method opens its budget window.
        expect(time).toEqual({
          start: now / 1000,
          finish: (now + 4) / 1000,
          duration: 0.004,
          processing: 0.004,
          date_start: emulator.portal.clock.iso(now),
          date_finish: emulator.portal.clock.iso(now + 4),
          operating_reset_at: Math.floor((now + 600_000) / 1000),
          operating: 0.004
        })
        expect(time.date_start).toMatch(ISO_WITH_OFFSET)
        expect(Number.isInteger(time.operating_reset_at)).toBe(true)
      } finally {
        await admin(emulator, 'clock', { freeze: false })
      }
    })

    it('lifts total (and next when another page exists) to the top of list answers', async () => {
      const reply = await call(emulator, 'user.get')
      expect(Object.keys(reply.body)).toEqual(['result', 'total', 'time'])
      expect(reply.body.total).toBe(3)
    })

    it('answers errors with exactly error and error_description', async () => {
      const reply = await call(emulator, 'no.such.method')
      expect(Object.keys(reply.body)).toEqual(['error', 'error_description'])
    })

    it('serialises empty maps as [] like PHP arrays, at any depth', async () => {
      const registry = Reflect.get(emulator.rest, 'registry') as Map<string, MethodDefinition>
      registry.set('test.empty.maps', { scope: null, handler: () => ({ map: {}, list: [], nested: { inner: {} } }) })
      registry.set('test.empty.result', { scope: null, handler: () => ({}) })
      const nested = await call(emulator, 'test.empty.maps')
      const top = await fetch(`${hook}test.empty.result`)
      expect(nested.body.result).toEqual({ map: [], list: [], nested: { inner: [] } })
      expect((await top.text()).startsWith('{"result":[],"time":{')).toBe(true)
    })
  })

  describe('response headers (§1.4)', () => {
    const expectRestHeaders = (headers: Headers) => {
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(headers.get('access-control-allow-origin')).toBe('*')
      expect(headers.get('access-control-allow-headers')).toBe('origin, content-type, accept')
      expect(headers.get('x-content-type-options')).toBe('nosniff')
    }

    it('sends them with a success', async () => {
      expectRestHeaders((await fetchJson(`${hook}profile`)).headers)
    })

    it('sends them with an error', async () => {
      const reply = await fetchJson(`${emulator.url}/rest/1/wrong/profile`)
      expect(reply.status).toBe(401)
      expectRestHeaders(reply.headers)
    })
  })
})
