import { buildWindowApi } from '../../../electron/api-shape'
import type { WindowApi } from '@contract'

/** Matches BRIDGE_PATH / BRIDGE_META_NAME of the loopback bridge server. */
const BRIDGE_PATH = '/__bridge'
const BRIDGE_META_NAME = 'lead-admin-bridge'

type ServerMessage =
  | { type: 'hello'; channels: string[]; events: string[] }
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; event: string; payload: unknown }

/**
 * In a plain browser (end-to-end tests, `npm run dev:web`) there is no preload script. When the
 * page was served with a bridge token, connect to the loopback bridge and build the same
 * `window.api` from the channel names the server announces. Returns undefined when there is no bridge.
 */
export function connectLoopbackApi(): Promise<WindowApi> | undefined {
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${BRIDGE_META_NAME}"]`)?.content
  if (!token) return undefined
  const url = new URL(BRIDGE_PATH, location.href)
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('token', token)
  const socket = new WebSocket(url)
  const pending = new Map<number, (envelope: unknown) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1

  const transportError = (detail: string) => ({ ok: false, error: { code: 'TRANSPORT', message: detail } })
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(transportError('the connection to the app core was closed'))
    pending.clear()
  })

  return new Promise((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error('The loopback bridge could not be reached')))
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage
      if (data.type === 'hello') {
        const api = buildWindowApi(
          data.channels,
          data.events,
          (channel, arg) =>
            new Promise((done) => {
              if (socket.readyState !== WebSocket.OPEN) return done(transportError('not connected'))
              const id = nextId++
              pending.set(id, done)
              socket.send(JSON.stringify({ type: 'call', id, channel, arg }))
            }),
          (event, listener) => {
            const set = listeners.get(event) ?? new Set()
            listeners.set(event, set)
            set.add(listener)
            return () => set.delete(listener)
          }
        )
        resolve(api as unknown as WindowApi)
      } else if (data.type === 'result') {
        pending.get(data.id)?.(data.envelope)
        pending.delete(data.id)
      } else if (data.type === 'event') {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload)
      }
    })
  })
}
