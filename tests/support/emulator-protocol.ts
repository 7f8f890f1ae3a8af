import type { Emulator } from '../../electron/emulator/emulator'
import type { Caller } from '../../electron/emulator/methods/context'

/** The OAuth shape of the REST endpoint: `/rest/{method}` with a token. */
export const oauthBase = (emulator: Emulator) => `${emulator.url}/rest/`

/** An access token of the emulator's application for a user, issued in-process (no browser flow). */
export function appToken(emulator: Emulator, userId = 1): string {
  const app = emulator.credentials.apps[0]!
  return emulator.credentials.issueTokens(app, userId, emulator.portal.clock.now()).access.token
}

/** Adds an incoming webhook with only these scopes; returns its base URL. */
export function webhookWithScopes(emulator: Emulator, scopes: string[], userId = 1): string {
  const code = `limited${scopes.join('')}${emulator.credentials.webhooks.length}`
  emulator.credentials.webhooks.push({ userId, code, scopes })
  return `${emulator.url}/rest/${userId}/${code}/`
}

/** The Caller an OAuth request of the emulator's application would have (for events.emit). */
export function appCaller(emulator: Emulator, userId = 1): Caller {
  const app = emulator.credentials.apps[0]!
  return {
    user: emulator.portal.user(userId)!,
    scopes: app.scopes,
    credential: `app:${app.clientId}`,
    kind: 'oauth',
    clientId: app.clientId
  }
}

export interface RawReply {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

/** A fetch whose JSON answer is parsed; for requests the JSON `call` helper cannot make. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<RawReply> {
  const response = await fetch(url, init)
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>
  }
}

/** A form-encoded POST, the way PHP clients send. */
export const formPost = (url: string, form: string, headers: Record<string, string> = {}) =>
  fetchJson(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: form
  })
