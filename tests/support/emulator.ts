import { startEmulator, type Emulator, type EmulatorOptions } from '../../electron/emulator/emulator'

/** An emulated portal for one test file: no limits, no waiting, no leads unless asked. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ limits: 'off', speed: Infinity, leads: 0, seed: 7, ...options })
}

export interface RestReply {
  status: number
  body: Record<string, unknown>
}

/**
 * Calls a REST method over real HTTP as a JSON POST through a user's webhook (user 1, the
 * admin, by default). `url` may be given instead, e.g. an OAuth endpoint.
 */
export async function call(
  emulator: Emulator,
  method: string,
  params: Record<string, unknown> = {},
  options: { userId?: number; url?: string; headers?: Record<string, string> } = {}
): Promise<RestReply> {
  const base = options.url ?? emulator.webhookUrlFor(options.userId ?? 1)
  const response = await fetch(`${base}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
    body: JSON.stringify(params)
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The `result` of a successful call; fails the test with the portal's error otherwise. */
export async function result<T = unknown>(
  emulator: Emulator,
  method: string,
  params: Record<string, unknown> = {},
  options: { userId?: number } = {}
): Promise<T> {
  const reply = await call(emulator, method, params, options)
  if (reply.status !== 200 || 'error' in reply.body) {
    throw new Error(`${method} failed: HTTP ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return reply.body.result as T
}

/** Calls the admin API (`/_emulator/...`). */
export async function admin(emulator: Emulator, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return response.json()
}
