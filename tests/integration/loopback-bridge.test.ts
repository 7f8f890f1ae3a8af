import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect as netConnect, type Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { channelNames, eventNames, MAX_CHUNK_BYTES } from '../../electron/contract'
import {
  attachBridge,
  BRIDGE_PATH,
  injectBridgeToken,
  MAX_BRIDGE_MESSAGE_BYTES
} from '../../electron/bridge/loopback-bridge'
import { serveBuiltRenderer } from '../../electron/bridge/static-server'
import type { Services } from '../../electron/core/services'
import { makeServices, makeTempDir } from '../support/core'

const TOKEN = 'a'.repeat(48)
let temp: Awaited<ReturnType<typeof makeTempDir>>
let server: Server
let detach: () => void
let services: Services
let port: number
let origin: string
const openSockets: Array<{ terminate(): void } | Socket> = []
/** What escaped the server: in a process of its own, each of these would have ended it. */
const escaped: unknown[] = []
const recordEscape = (error: unknown) => escaped.push(error)

beforeEach(async () => {
  escaped.length = 0
  process.on('uncaughtException', recordEscape)
  process.on('unhandledRejection', recordEscape)
  temp = await makeTempDir()
  services = makeServices(temp.dir)
  server = createServer((_request, response) => response.end('page'))
  detach = attachBridge(server, services, TOKEN)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as { port: number }).port
  origin = `http://127.0.0.1:${port}`
})
afterEach(async () => {
  process.off('uncaughtException', recordEscape)
  process.off('unhandledRejection', recordEscape)
  for (const socket of openSockets.splice(0)) {
    if ('destroy' in socket) socket.destroy()
    else socket.terminate()
  }
  detach()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await services.dispose()
  await temp.cleanup()
})

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = probe()
    if (found !== undefined) return found
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

function connect(token: string, headers: Record<string, string> = { Origin: origin }) {
  const url = `${origin.replace('http', 'ws')}${BRIDGE_PATH}?token=${token}`
  const socket = new WebSocket(url, { headers })
  openSockets.push(socket)
  const messages: Array<Record<string, unknown>> = []
  socket.on('message', (data) => messages.push(JSON.parse(String(data))))
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve())
    socket.on('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
    socket.on('error', reject)
  })
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  const next = (predicate: (message: Record<string, unknown>) => boolean) =>
    until(() => messages.find(predicate), `a message among ${JSON.stringify(messages).slice(0, 500)}`)
  return { socket, opened, closed, next }
}

/** Nothing escaped the server, and it still takes connections and answers calls. */
async function expectStillServing() {
  expect(escaped).toEqual([])
  const client = connect(TOKEN)
  await client.opened
  client.socket.send(JSON.stringify({ type: 'call', id: 1000, channel: 'portals.list' }))
  expect(await client.next((m) => m.id === 1000)).toEqual({
    type: 'result',
    id: 1000,
    envelope: { ok: true, value: [] }
  })
  client.socket.close()
}

describe('loopback bridge', () => {
  it('refuses a connection without the right token', async () => {
    await expect(connect('b'.repeat(48)).opened).rejects.toThrow('HTTP 403')
    await expect(connect('').opened).rejects.toThrow('HTTP 403')
    await expectStillServing()
  })

  it('refuses a page from another origin even with the token', async () => {
    await expect(connect(TOKEN, { Origin: 'http://evil.example' }).opened).rejects.toThrow('HTTP 403')
    await expect(connect(TOKEN, {}).opened).rejects.toThrow('HTTP 403')
    await expectStillServing()
  })

  it.each([
    ['null (a sandboxed frame or a file)', () => ({ Origin: 'null' })],
    ['malformed', () => ({ Origin: 'http://[' })],
    ['of another scheme on this host', () => ({ Origin: `ftp://127.0.0.1:${port}` })],
    ['with a path', () => ({ Origin: `${origin}/page` })],
    ['of the same name but another port', () => ({ Origin: 'http://127.0.0.1:1' })]
  ])('refuses an Origin %s and keeps serving', async (_name, headers) => {
    await expect(connect(TOKEN, headers()).opened).rejects.toThrow('HTTP 403')
    await expectStillServing()
  })

  it.each([
    ['another name, as after DNS rebinding', () => `evil.example:${port}`],
    ['another port', () => '127.0.0.1:1'],
    ['no port', () => '127.0.0.1'],
    ['garbage', () => '[:::'] // not a host at all
  ])('refuses a Host header naming %s, even with a matching Origin', async (_name, host) => {
    await expect(connect(TOKEN, { Host: host(), Origin: `http://${host()}` }).opened).rejects.toThrow('HTTP 403')
    await expectStillServing()
  })

  it('accepts the page under the name localhost as well', async () => {
    const client = connect(TOKEN, { Host: `localhost:${port}`, Origin: `http://localhost:${port}` })
    await client.opened
    expect(await client.next((m) => m.type === 'hello')).toMatchObject({ type: 'hello' })
    client.socket.close()
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

  it('ignores messages that are not calls and answers the next call', async () => {
    const client = connect(TOKEN)
    await client.opened
    for (const junk of ['{', '[]', 'null', '{"type":"call","id":"x","channel":"portals.list"}', '{"type":"hello"}']) {
      client.socket.send(junk)
    }
    client.socket.send(Buffer.from([0xde, 0xad]), { binary: true })
    client.socket.send(JSON.stringify({ type: 'call', id: 5, channel: 'portals.list' }))
    expect(await client.next((m) => m.id === 5)).toMatchObject({ envelope: { ok: true } })
    expect(await client.next(() => true)).toMatchObject({ type: 'hello' }) // nothing else was answered
    client.socket.close()
  })

  it('refuses an argument nested 100,000 levels deep with INVALID_ARGUMENT and answers the next call', async () => {
    const client = connect(TOKEN)
    await client.opened
    const depth = 100_000
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    client.socket.send(
      `{"type":"call","id":7,"channel":"leads.edit","arg":{"portalId":"p1","key":1,"patch":{"TITLE":${deep}}}}`
    )
    const reply = await client.next((m) => m.id === 7)
    expect(reply).toEqual({
      type: 'result',
      id: 7,
      envelope: {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'Invalid argument for leads.edit.',
          details: {
            issues: [
              {
                // The argument, patch and TITLE hold the first three levels; the 65th is refused.
                path: ['patch', 'TITLE', ...Array<string>(62).fill('0')].join('.'),
                message: 'An argument may nest objects and lists at most 64 levels deep',
                limit: 64
              }
            ]
          }
        }
      }
    })

    client.socket.send(
      `{"type":"call","id":8,"channel":"console.call","arg":{"portalId":"p1","method":"x","params":{"a":${deep}}}}`
    )
    expect(await client.next((m) => m.id === 8)).toMatchObject({
      envelope: { ok: false, error: { code: 'INVALID_ARGUMENT', details: { issues: [{ limit: 64 }] } } }
    })
    client.socket.close()
    await expectStillServing()
  })

  it('carries the largest legitimate call, an upload chunk of 1 MiB', async () => {
    const client = connect(TOKEN)
    await client.opened
    client.socket.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        channel: 'files.uploadBegin',
        arg: { name: 'a.csv', size: MAX_CHUNK_BYTES }
      })
    )
    const begun = (await client.next((m) => m.id === 1)) as { envelope: { ok: boolean; value: { id: string } } }
    expect(begun.envelope.ok).toBe(true)
    const base64 = randomBytes(MAX_CHUNK_BYTES).toString('base64')
    client.socket.send(
      JSON.stringify({
        type: 'call',
        id: 2,
        channel: 'files.uploadChunk',
        arg: { id: begun.envelope.value.id, offset: 0, base64 }
      })
    )
    expect(await client.next((m) => m.id === 2)).toEqual({
      type: 'result',
      id: 2,
      envelope: { ok: true, value: { received: MAX_CHUNK_BYTES } }
    })
    client.socket.close()
  })

  it('closes a connection that sends a message over the limit (1009) and keeps serving', async () => {
    const client = connect(TOKEN)
    await client.opened
    client.socket.send('x'.repeat(MAX_BRIDGE_MESSAGE_BYTES + 1))
    expect(await client.closed).toBe(1009)
    await expectStillServing()
  })

  it('answers with an error envelope when a reply cannot be written as JSON', async () => {
    const client = connect(TOKEN)
    await client.opened
    const realDispatch = services.dispatch
    services.dispatch = async () => ({ ok: true, value: { count: 10n } })
    client.socket.send(JSON.stringify({ type: 'call', id: 11, channel: 'portals.list' }))
    expect(await client.next((m) => m.id === 11)).toMatchObject({
      envelope: { ok: false, error: { code: 'INTERNAL' } }
    })
    services.dispatch = () => Promise.reject(new Error('broken'))
    client.socket.send(JSON.stringify({ type: 'call', id: 12, channel: 'portals.list' }))
    expect(await client.next((m) => m.id === 12)).toMatchObject({
      envelope: { ok: false, error: { code: 'INTERNAL' } }
    })
    services.dispatch = realDispatch
    client.socket.close()
    await expectStillServing()
  })

  it('puts the token into the page head', () => {
    expect(injectBridgeToken('<html><head><title>x</title></head></html>', TOKEN)).toContain(
      `<meta name="lead-admin-bridge" content="${TOKEN}" />`
    )
  })
})

/** A WebSocket opened by hand, for frames no well-behaved client would send. */
async function openRawSocket() {
  const socket = netConnect(port, '127.0.0.1')
  openSockets.push(socket)
  let received = Buffer.alloc(0)
  socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])))
  socket.on('error', () => {}) // the server may reset it; the test looks at what arrived
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.write(
    [
      `GET ${BRIDGE_PATH}?token=${TOKEN} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: ${origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      ''
    ].join('\r\n')
  )
  const headerEnd = await until(() => {
    const end = received.indexOf('\r\n\r\n')
    return end < 0 ? undefined : end + 4
  }, 'the handshake answer')
  expect(received.subarray(0, 12).toString('latin1')).toBe('HTTP/1.1 101')
  return { socket, closed, frames: () => received.subarray(headerEnd) }
}

/** The status code of the first close frame the server sent (its frames are never masked). */
function closeCodeIn(frames: Buffer): number | undefined {
  let at = 0
  while (at + 2 <= frames.length) {
    const opcode = frames.readUInt8(at) & 0x0f
    let length = frames.readUInt8(at + 1) & 0x7f
    let start = at + 2
    if (length === 126) {
      length = frames.readUInt16BE(at + 2)
      start = at + 4
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(at + 2))
      start = at + 10
    }
    if (opcode === 0x8) return start + 2 <= frames.length ? frames.readUInt16BE(start) : undefined
    at = start + length
  }
  return undefined
}

const MASK = Buffer.from([1, 2, 3, 4])
function masked(payload: Buffer): Buffer {
  return Buffer.from(payload.map((byte, index) => byte ^ MASK.readUInt8(index % 4)))
}

describe('loopback bridge against broken frames', () => {
  it.each([
    [
      'a text frame of invalid UTF-8',
      1007,
      () => Buffer.concat([Buffer.from([0x81, 0x82]), MASK, masked(Buffer.from([0xc3, 0x28]))])
    ],
    ['an unmasked frame', 1002, () => Buffer.concat([Buffer.from([0x81, 0x02]), Buffer.from('hi')])],
    [
      'a frame announcing 2^40 bytes',
      1009,
      () => {
        const header = Buffer.alloc(10)
        header[0] = 0x82
        header[1] = 0x80 | 127
        header.writeBigUInt64BE(2n ** 40n, 2)
        return Buffer.concat([header, MASK])
      }
    ]
  ])('closes the connection on %s (%i) and keeps serving', async (_name, code, frame) => {
    const raw = await openRawSocket()
    raw.socket.write(frame())
    await raw.closed
    expect(closeCodeIn(raw.frames())).toBe(code)
    await expectStillServing()
  })
})

describe('static server of the built renderer', () => {
  function get(url: string, path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(url), { path }, (response) => {
        let body = ''
        response.on('data', (chunk) => (body += String(chunk)))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      })
      request.on('error', reject)
      request.end()
    })
  }

  it('answers a malformed percent-encoding with 400, refuses traversal, and keeps serving', async () => {
    await writeFile(`${temp.dir}/index.html`, '<html><head></head><body>app</body></html>')
    const renderer = await serveBuiltRenderer(temp.dir, services)
    try {
      expect((await get(renderer.url, '/%E0%A4%A')).status).toBe(400)
      expect((await get(renderer.url, '/%')).status).toBe(400)
      expect((await get(renderer.url, '/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403)
      expect((await get(renderer.url, '/missing.js')).status).toBe(404)
      const page = await get(renderer.url, '/')
      expect(page.status).toBe(200)
      expect(page.body).toContain(`content="${renderer.token}"`)
    } finally {
      await renderer.close()
    }
  })
})
