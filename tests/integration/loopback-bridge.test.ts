import { createServer, type Server } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { channelNames, eventNames } from '../../electron/contract'
import { attachBridge, BRIDGE_PATH, injectBridgeToken } from '../../electron/bridge/loopback-bridge'
import type { Services } from '../../electron/core/services'
import { makeServices, makeTempDir } from '../support/core'

const TOKEN = 'a'.repeat(48)
let temp: Awaited<ReturnType<typeof makeTempDir>>
let server: Server
let services: Services
let origin: string

beforeEach(async () => {
  temp = await makeTempDir()
  services = makeServices(temp.dir)
  server = createServer((_request, response) => response.end('page'))
  attachBridge(server, services, TOKEN)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await temp.cleanup()
})

function connect(token: string, headers: Record<string, string> = { Origin: origin }) {
  const url = `${origin.replace('http', 'ws')}${BRIDGE_PATH}?token=${token}`
  const socket = new WebSocket(url, { headers })
  const messages: Array<Record<string, unknown>> = []
  socket.on('message', (data) => messages.push(JSON.parse(String(data))))
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve())
    socket.on('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
    socket.on('error', reject)
  })
  const next = async (predicate: (message: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const found = messages.find(predicate)
      if (found) return found
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`no such message among ${JSON.stringify(messages).slice(0, 500)}`)
  }
  return { socket, opened, next }
}

describe('loopback bridge', () => {
  it('refuses a connection without the right token', async () => {
    await expect(connect('b'.repeat(48)).opened).rejects.toThrow('HTTP 403')
    await expect(connect('').opened).rejects.toThrow('HTTP 403')
  })

  it('refuses a page from another origin even with the token', async () => {
    await expect(connect(TOKEN, { Origin: 'http://evil.example' }).opened).rejects.toThrow('HTTP 403')
    await expect(connect(TOKEN, {}).opened).rejects.toThrow('HTTP 403')
  })

  it('announces the contract, answers calls with envelopes and forwards events', async () => {
    const client = connect(TOKEN)
    await client.opened
    expect(await client.next((m) => m.type === 'hello')).toEqual({
      type: 'hello',
      channels: channelNames,
      events: eventNames
    })

    client.socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'portals.list' }))
    expect(await client.next((m) => m.id === 1)).toEqual({ type: 'result', id: 1, envelope: { ok: true, value: [] } })

    client.socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'portals.remove', arg: { id: 42 } }))
    expect(await client.next((m) => m.id === 2)).toMatchObject({
      envelope: { ok: false, error: { code: 'INVALID_ARGUMENT' } }
    })

    client.socket.send('not json at all')
    client.socket.send(JSON.stringify({ type: 'call', id: 3, channel: 'shell.exec', arg: 'rm -rf /' }))
    expect(await client.next((m) => m.id === 3)).toMatchObject({
      envelope: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } }
    })

    services.events.emit('portals.changed', [])
    expect(await client.next((m) => m.type === 'event')).toEqual({
      type: 'event',
      event: 'portals.changed',
      payload: []
    })
    client.socket.close()
  })

  it('puts the token into the page head', () => {
    expect(injectBridgeToken('<html><head><title>x</title></head></html>', TOKEN)).toContain(
      `<meta name="lead-admin-bridge" content="${TOKEN}" />`
    )
  })
})
