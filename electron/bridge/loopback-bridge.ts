import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { z } from 'zod'
import { channelNames, eventNames, type Envelope } from '../contract'
import { toApiError } from '../core/errors'
import { log } from '../core/log'
import type { Services } from '../core/services'

/**
 * The loopback bridge: serves the same API object as Electron's IPC over a WebSocket on
 * 127.0.0.1, so the real renderer can run in a browser for end-to-end tests and development.
 * Every connection must present the random per-run token and come from a page this very server
 * served. Nothing a client sends — a bad handshake, a broken frame, a hostile call — stops it.
 */
export const BRIDGE_PATH = '/__bridge'
export const BRIDGE_META_NAME = 'lead-admin-bridge'

/**
 * The largest message a client may send; a larger one closes its connection (1009). The largest
 * legitimate call is an upload chunk (1 MiB as base64, about 1.4 MB); 8 MiB also lets an argument
 * up to the contract's character limit arrive, so the dispatcher can refuse it with a reason.
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 8 * 1024 * 1024

const callSchema = z.object({
  type: z.literal('call'),
  id: z.number().int(),
  channel: z.string(),
  arg: z.unknown().optional()
})
type BridgeCall = z.infer<typeof callSchema>

export type BridgeMessage =
  | { type: 'hello'; channels: string[]; events: string[] }
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; event: string; payload: unknown }

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The request's address, when it is one (a malformed one is nobody's bridge request). */
function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1')
  } catch {
    return undefined
  }
}

/**
 * The Host header names this server on the loopback interface: not another name that resolves
 * here (DNS rebinding), not another port.
 */
function isOwnHost(host: string | undefined, port: number | undefined): host is string {
  const match = /^(?:127\.0\.0\.1|localhost):(\d{1,5})$/i.exec(host ?? '')
  return match !== null && Number(match[1]) === port
}

/**
 * The Origin header is exactly the origin of an http(s) page of this host: not `null` (sandboxed
 * frames, files), not another scheme, not another site open in the same browser.
 */
function isOwnOrigin(origin: string | undefined, host: string): boolean {
  if (!origin) return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin && url.host === host.toLowerCase()
  )
}

function serverPort(server: Server): number | undefined {
  const address = server.address()
  return address && typeof address === 'object' ? address.port : undefined
}

function isAllowed(request: IncomingMessage, url: URL, port: number | undefined, token: string): boolean {
  const { host, origin } = request.headers
  return isOwnHost(host, port) && isOwnOrigin(origin, host) && sameToken(url.searchParams.get('token'), token)
}

function refuse(socket: Duplex): void {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
}

/** Adds the bridge to an HTTP server (the test server or Vite's dev server). */
export function attachBridge(server: Server, services: Services, token: string): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES })

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request)
    if (url?.pathname !== BRIDGE_PATH) return // someone else's upgrade (e.g. Vite's HMR socket)
    // The HTTP server stops watching a socket it hands over: a reset must not become a crash.
    socket.on('error', (error) => log.debug('A loopback bridge handshake failed', error.message))
    try {
      if (!isAllowed(request, url, serverPort(server), token)) return refuse(socket)
      wss.handleUpgrade(request, socket, head, (ws) => serveConnection(ws, services))
    } catch (error) {
      log.warn('A loopback bridge handshake was refused', error)
      refuse(socket)
    }
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    for (const client of wss.clients) client.terminate()
    wss.close()
  }
}

function serveConnection(ws: WebSocket, services: Services): void {
  // A broken frame (bad UTF-8, no mask, an absurd length, too big) closes this connection only.
  ws.on('error', (error) => log.warn('A loopback bridge connection failed', error.message))
  const send = (message: BridgeMessage) => sendText(ws, JSON.stringify(message))
  const stop = services.events.onAny((event, payload) => {
    try {
      send({ type: 'event', event, payload })
    } catch (error) {
      log.warn(`The event ${event} could not be sent over the loopback bridge`, error)
    }
  }, eventNames)
  ws.on('close', stop)
  ws.on('message', (data, isBinary) => {
    const call = isBinary ? undefined : parseCall(data)
    if (call) answer(ws, services, call).catch(() => log.error('A loopback bridge call could not be answered'))
  })
  send({ type: 'hello', channels: channelNames, events: eventNames })
}

/** A call, or undefined for anything else (not JSON, not a call): ignored, like a wrong IPC message. */
function parseCall(data: RawData): BridgeCall | undefined {
  try {
    const parsed = callSchema.safeParse(JSON.parse(data.toString()))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Runs a call and sends its envelope; never rejects. */
async function answer(ws: WebSocket, services: Services, call: BridgeCall): Promise<void> {
  let envelope: Envelope<unknown>
  try {
    envelope = await services.dispatch(call.channel, call.arg)
  } catch (error) {
    log.error(`The loopback bridge call ${call.channel} failed`, error)
    envelope = { ok: false, error: toApiError(error) }
  }
  try {
    sendText(ws, JSON.stringify({ type: 'result', id: call.id, envelope } satisfies BridgeMessage))
  } catch (error) {
    // The reply cannot be written as JSON (a BigInt, a cycle, too deep or too long): say so.
    log.error(`The reply of ${call.channel} could not be sent over the loopback bridge`, error)
    const failed: Envelope<unknown> = { ok: false, error: toApiError(error) }
    sendText(ws, JSON.stringify({ type: 'result', id: call.id, envelope: failed } satisfies BridgeMessage))
  }
}

function sendText(ws: WebSocket, text: string): void {
  if (ws.readyState !== WebSocket.OPEN) return
  ws.send(text, (error) => {
    if (error) log.debug('A loopback bridge message was not sent', error.message)
  })
}

/** Puts the token into the page, where only a page of this origin can read it. */
export function injectBridgeToken(html: string, token: string): string {
  return html.replace('</head>', `  <meta name="${BRIDGE_META_NAME}" content="${token}" />\n  </head>`)
}
