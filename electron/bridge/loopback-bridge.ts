import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import { channelNames, eventNames } from '../contract'
import type { Services } from '../core/services'

/**
 * The loopback bridge: serves the same API object as Electron's IPC over a WebSocket on
 * 127.0.0.1, so the real renderer can run in a browser for end-to-end tests and development.
 * Every connection must present the random per-run token and come from the page's own origin.
 */
export const BRIDGE_PATH = '/__bridge'
export const BRIDGE_META_NAME = 'lead-admin-bridge'

const callSchema = z.object({
  type: z.literal('call'),
  id: z.number().int(),
  channel: z.string(),
  arg: z.unknown().optional()
})

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

function isAllowed(request: IncomingMessage, token: string): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  if (url.pathname !== BRIDGE_PATH) return false
  const origin = request.headers.origin
  const host = request.headers.host
  // Only the page served from this very host may connect (not another site open in the browser).
  if (!origin || !host || new URL(origin).host !== host) return false
  return sameToken(url.searchParams.get('token'), token)
}

/** Adds the bridge to an HTTP server (the test server or Vite's dev server). */
export function attachBridge(server: Server, services: Services, token: string): () => void {
  const wss = new WebSocketServer({ noServer: true })

  const onUpgrade = (request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== BRIDGE_PATH) return // someone else's upgrade (e.g. Vite's HMR socket)
    if (!isAllowed(request, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveConnection(ws, services))
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    for (const client of wss.clients) client.terminate()
    wss.close()
  }
}

function serveConnection(ws: WebSocket, services: Services): void {
  const send = (message: BridgeMessage) => ws.send(JSON.stringify(message))
  send({ type: 'hello', channels: channelNames, events: eventNames })
  const stop = services.events.onAny((event, payload) => send({ type: 'event', event, payload }), eventNames)
  ws.on('close', stop)
  ws.on('message', async (data) => {
    let call: z.infer<typeof callSchema>
    try {
      call = callSchema.parse(JSON.parse(String(data)))
    } catch {
      return // not a call: ignore, like a wrong IPC message
    }
    send({ type: 'result', id: call.id, envelope: await services.dispatch(call.channel, call.arg) })
  })
}

/** Puts the token into the page, where only a page of this origin can read it. */
export function injectBridgeToken(html: string, token: string): string {
  return html.replace('</head>', `  <meta name="${BRIDGE_META_NAME}" content="${token}" />\n  </head>`)
}
