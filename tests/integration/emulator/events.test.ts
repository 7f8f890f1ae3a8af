import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { memberIdOf } from '../../../electron/emulator/server/event-delivery'
import { admin, call, startTestEmulator } from '../../support/emulator'
import { appCaller, appToken, oauthBase } from '../../support/emulator-protocol'

interface Received {
  contentType: string | undefined
  body: string
}

describe('events (docs/bitrix24-protocol.md §10)', () => {
  let emulator: Emulator
  let handlerServer: Server
  let handlerUrl: string
  const received: Received[] = []

  beforeAll(async () => {
    emulator = await startTestEmulator()
    handlerServer = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') })
        response.end('ok')
      })
    })
    await new Promise<void>((resolve) => handlerServer.listen(0, '127.0.0.1', resolve))
    handlerUrl = `http://127.0.0.1:${(handlerServer.address() as AddressInfo).port}/bitrix/handler`
  })
  afterAll(async () => {
    await emulator.close()
    await new Promise((resolve) => handlerServer.close(resolve))
  })
  beforeEach(async () => {
    await admin(emulator, 'reset', {})
    received.length = 0
  })

  /** Calls a method with an application token of the given user. */
  const asApp = (method: string, params: Record<string, unknown> = {}, userId = 1) =>
    call(emulator, method, { ...params, auth: appToken(emulator, userId) }, { url: oauthBase(emulator) })
  const bindingsOf = async (userId = 1) => (await asApp('event.get', {}, userId)).body.result

  describe('event.bind / event.get / event.unbind', () => {
    it('binds case-insensitively, stores the name upper-cased and lists it', async () => {
      const bound = await asApp('event.bind', { event: 'onCrmLeadAdd', handler: handlerUrl })
      expect(bound.status).toBe(200)
      expect(bound.body.result).toBe(true)
      expect(await bindingsOf()).toEqual([{ event: 'ONCRMLEADADD', handler: handlerUrl, auth_type: '0', offline: 0 }])
    })

    it('reads parameter names in any case and keeps auth_type per binding', async () => {
      await asApp('event.bind', { EVENT: 'ONCRMLEADUPDATE', HANDLER: handlerUrl, AUTH_TYPE: 2 })
      await asApp('event.bind', { event: 'ONCRMLEADUPDATE', handler: handlerUrl })
      expect(await bindingsOf()).toEqual([
        { event: 'ONCRMLEADUPDATE', handler: handlerUrl, auth_type: '2', offline: 0 },
        { event: 'ONCRMLEADUPDATE', handler: handlerUrl, auth_type: '0', offline: 0 }
      ])
    })

    it('refuses a duplicate binding with ERROR_CORE', async () => {
      await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      const again = await asApp('event.bind', { event: 'OnCrmLeadAdd', handler: handlerUrl })
      expect(again.status).toBe(400)
      expect(again.body).toEqual({
        error: 'ERROR_CORE',
        error_description: 'Unable to set event handler: Handler already binded'
      })
    })

    it('stores an offline binding without a handler and lists it as offline', async () => {
      const bound = await asApp('event.bind', { event: 'ONCRMLEADDELETE', event_type: 'offline' })
      expect(bound.body.result).toBe(true)
      expect(await bindingsOf()).toEqual([{ event: 'ONCRMLEADDELETE', connector_id: '', offline: 1 }])
    })

    it('unbinds by event and handler and reports the count', async () => {
      await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl, auth_type: 3 })
      await asApp('event.bind', { event: 'ONCRMLEADDELETE', handler: handlerUrl })
      const first = await asApp('event.unbind', { event: 'onCrmLeadAdd', handler: handlerUrl, auth_type: 3 })
      expect(first.body.result).toEqual({ count: 1 })
      const rest = await asApp('event.unbind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      expect(rest.body.result).toEqual({ count: 1 })
      const none = await asApp('event.unbind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      expect(none.body.result).toEqual({ count: 0 })
      expect(await bindingsOf()).toEqual([
        { event: 'ONCRMLEADDELETE', handler: handlerUrl, auth_type: '0', offline: 0 }
      ])
    })

    it('lists an empty binding set as []', async () => {
      expect(await bindingsOf()).toEqual([])
    })

    describe('argument errors', () => {
      const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
        [
          'a missing event',
          { handler: 'https://example.com/h' },
          { error: 'ERROR_ARGUMENT', error_description: "Argument 'EVENT' is null or empty", argument: 'EVENT' }
        ],
        [
          'a missing handler',
          { event: 'ONCRMLEADADD' },
          { error: 'ERROR_ARGUMENT', error_description: "Argument 'HANDLER' is null or empty", argument: 'HANDLER' }
        ],
        [
          'an unknown event_type',
          { event: 'ONCRMLEADADD', handler: 'https://example.com/h', event_type: 'sometimes' },
          {
            error: 'ERROR_ARGUMENT',
            error_description: 'Value must be one of {online|offline}',
            argument: 'EVENT_TYPE'
          }
        ],
        [
          'a handler that is not a URL',
          { event: 'ONCRMLEADADD', handler: 'not a url' },
          { error: 'ERROR_WRONG_HANDLER_URL', error_description: 'Wrong handler URL' }
        ],
        [
          'a handler host without a dot (localhost)',
          { event: 'ONCRMLEADADD', handler: 'http://localhost:8080/h' },
          { error: 'ERROR_WRONG_HANDLER_URL', error_description: 'Wrong handler URL' }
        ],
        [
          'a handler that is not http(s)',
          { event: 'ONCRMLEADADD', handler: 'ftp://example.com/h' },
          { error: 'ERROR_UNSUPPORTED_PROTOCOL', error_description: 'Unsupported handler protocol' }
        ],
        [
          'an unknown event',
          { event: 'ONSOMETHINGELSE', handler: 'https://example.com/h' },
          { error: 'ERROR_EVENT_NOT_FOUND', error_description: 'Event not found' }
        ]
      ]
      it.each(cases)('event.bind refuses %s with HTTP 400', async (_name, params, expected) => {
        const reply = await asApp('event.bind', params)
        expect(reply.status).toBe(400)
        expect(reply.body).toEqual(expected)
      })

      it('event.unbind needs event and handler too', async () => {
        const noEvent = await asApp('event.unbind', { handler: handlerUrl })
        const noHandler = await asApp('event.unbind', { event: 'ONCRMLEADADD' })
        expect(noEvent.body.argument).toBe('EVENT')
        expect(noHandler.body.argument).toBe('HANDLER')
      })
    })

    it('treats an event outside the application scopes as not found', async () => {
      await admin(emulator, 'oauth/app', { scopes: ['user'] })
      const reply = await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe('ERROR_EVENT_NOT_FOUND')
      // Global events need no scope.
      expect((await asApp('event.bind', { event: 'ONAPPUNINSTALL', handler: handlerUrl })).body.result).toBe(true)
    })

    it('refuses webhooks: event.* need an application context (WRONG_AUTH_TYPE)', async () => {
      for (const method of ['event.bind', 'event.get', 'event.unbind']) {
        const reply = await call(emulator, method, { event: 'ONCRMLEADADD', handler: handlerUrl })
        expect(reply.status).toBe(403)
        expect(reply.body).toEqual({
          error: 'WRONG_AUTH_TYPE',
          error_description: 'Current authorization type is denied for this method'
        })
      }
    })

    describe('a non-admin user', () => {
      it('binds for themself; another auth_type or offline events need an admin', async () => {
        expect((await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl }, 2)).body.result).toBe(true)
        const other = await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl, auth_type: 3 }, 2)
        expect(other.status).toBe(403)
        expect(other.body).toEqual({
          error: 'ACCESS_DENIED',
          error_description: 'Access denied! Event binding with AUTH_TYPE requires administrator access rights'
        })
        const offline = await asApp('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }, 2)
        expect(offline.status).toBe(403)
        expect(offline.body.error_description).toBe(
          'Access denied! Offline events binding requires administrator access rights'
        )
      })

      it('sees and unbinds only their own bindings', async () => {
        await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl }, 1)
        await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl }, 2)
        expect(await bindingsOf(2)).toEqual([
          { event: 'ONCRMLEADADD', handler: handlerUrl, auth_type: '2', offline: 0 }
        ])
        expect(await bindingsOf(1)).toHaveLength(2)
        const unbound = await asApp('event.unbind', { event: 'ONCRMLEADADD', handler: handlerUrl }, 2)
        expect(unbound.body.result).toEqual({ count: 1 })
        expect(await bindingsOf(1)).toEqual([
          { event: 'ONCRMLEADADD', handler: handlerUrl, auth_type: '0', offline: 0 }
        ])
      })
    })
  })

  describe('deliveries', () => {
    it('POSTs a form-encoded delivery with event, handler id, data, ts and auth', async () => {
      await asApp('event.bind', { event: 'onCrmLeadAdd', handler: handlerUrl })
      const handlerId = emulator.portal.eventHandlers[0]!.id
      emulator.portal.clock.freeze()
      try {
        emulator.events.emit('ONCRMLEADADD', { ID: 5 }, appCaller(emulator))
        await emulator.events.idle()
        expect(received).toHaveLength(1)
        expect(received[0]!.contentType).toBe('application/x-www-form-urlencoded')
        const host = new URL(emulator.url).host
        const app = emulator.credentials.apps[0]!
        const form = Object.fromEntries(new URLSearchParams(received[0]!.body))
        const now = Math.floor(emulator.portal.clock.now() / 1000)
        expect(form).toEqual({
          event: 'ONCRMLEADADD',
          event_handler_id: String(handlerId),
          'data[FIELDS][ID]': '5',
          ts: String(now),
          'auth[access_token]': expect.stringMatching(/^[0-9a-f]{32}$/),
          'auth[expires]': String(now + 3600),
          'auth[expires_in]': '3600',
          'auth[scope]': app.scopes.join(','),
          'auth[domain]': host,
          'auth[client_endpoint]': `${emulator.url}/rest/`,
          'auth[server_endpoint]': `${emulator.url}/rest/`,
          'auth[member_id]': memberIdOf(host),
          'auth[status]': 'L',
          'auth[refresh_token]': expect.stringMatching(/^[0-9a-f]{32}$/),
          'auth[application_token]': app.applicationToken,
          'auth[user_id]': '1'
        })
      } finally {
        emulator.portal.clock.unfreeze()
      }
    })

    it('delivers to every binding of the event, and to nobody after unbind', async () => {
      await asApp('event.bind', { event: 'ONCRMLEADUPDATE', handler: handlerUrl })
      await asApp('event.bind', { event: 'ONCRMLEADUPDATE', handler: `${handlerUrl}?second=1` })
      await asApp('event.bind', { event: 'ONCRMLEADDELETE', handler: handlerUrl })
      emulator.events.emit('onCrmLeadUpdate', { ID: 7 }, appCaller(emulator))
      await emulator.events.idle()
      expect(received.map((delivery) => new URLSearchParams(delivery.body).get('event'))).toEqual([
        'ONCRMLEADUPDATE',
        'ONCRMLEADUPDATE'
      ])
      await asApp('event.unbind', { event: 'ONCRMLEADUPDATE', handler: handlerUrl })
      await asApp('event.unbind', { event: 'ONCRMLEADUPDATE', handler: `${handlerUrl}?second=1` })
      emulator.events.emit('ONCRMLEADUPDATE', { ID: 7 }, appCaller(emulator))
      await emulator.events.idle()
      expect(received).toHaveLength(2)
    })

    it('does not POST offline bindings (they have no handler URL)', async () => {
      await asApp('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
      const logged = emulator.events.deliveries.length
      emulator.events.emit('ONCRMLEADADD', { ID: 1 }, appCaller(emulator))
      await emulator.events.idle()
      expect(received).toEqual([])
      expect(emulator.events.deliveries).toHaveLength(logged)
    })

    it('records each delivery and its HTTP status for the admin API', async () => {
      await asApp('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl })
      emulator.events.emit('ONCRMLEADADD', { ID: 9 }, appCaller(emulator))
      const deliveries = (await admin(emulator, 'events')) as Array<Record<string, unknown>>
      expect(deliveries.at(-1)).toMatchObject({ event: 'ONCRMLEADADD', handler: handlerUrl, status: 200 })
    })
  })
})
