import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { log } from '../log'
import { SignInError } from './sign-in-error'

/** The loopback address the portal redirects the browser to. Never 0.0.0.0: nobody else may call it. */
export const CALLBACK_HOST = '127.0.0.1'
/** Fixed, so the handler URL is registered once in the portal's local application. */
export const DEFAULT_CALLBACK_PORT = 53682
export const DEFAULT_CALLBACK_PATH = '/oauth/callback'

/** The handler URL to register in the portal's local application. */
export function callbackUrl(port = DEFAULT_CALLBACK_PORT, path = DEFAULT_CALLBACK_PATH): string {
  return `http://${CALLBACK_HOST}:${port}${path}`
}

/** One redirect from the portal: its query, and the way to answer the browser. */
export interface OAuthCallback {
  query: URLSearchParams
  /** Sends the page and resolves once it is on its way. */
  reply(status: number, html: string): Promise<void>
}

export interface CallbackListener {
  /** `http://127.0.0.1:{port}{path}` with the port actually bound. */
  readonly redirectUri: string
  /** The first GET to the callback path (even one that came before this was called). */
  next(signal: AbortSignal): Promise<OAuthCallback>
  /** Stops listening and drops every connection. Safe to call twice. */
  close(): Promise<void>
}

function sendPage(response: ServerResponse, status: number, html: string): Promise<void> {
  return new Promise((resolve) => {
    response.on('finish', resolve)
    response.on('close', resolve)
    response.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close'
    })
    response.end(html)
  })
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
  response.end(text)
}

function listenError(error: NodeJS.ErrnoException, port: number): SignInError {
  if (error.code === 'EADDRINUSE') {
    return new SignInError(
      'portBusy',
      `Port ${port} on ${CALLBACK_HOST} is used by another program, so the portal cannot send the sign-in back. ` +
        'Close that program, or choose another callback port and register the new handler URL in the portal.',
      undefined,
      { cause: error }
    )
  }
  return new SignInError(
    'listenFailed',
    `Cannot listen on ${CALLBACK_HOST}:${port} for the sign-in: ${error.message}`,
    undefined,
    { cause: error }
  )
}

/**
 * Listens on 127.0.0.1 for the portal's redirect after the user approves the application.
 * Only GET on the callback path counts; anything else (a favicon request) gets a plain 404.
 */
export async function listenForCallback(port: number, path: string): Promise<CallbackListener> {
  let deliver!: (callback: OAuthCallback) => void
  const first = new Promise<OAuthCallback>((resolve) => (deliver = resolve))
  let delivered = false

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${CALLBACK_HOST}`)
    if (url.pathname !== path) return plain(response, 404, 'Not found')
    if (request.method !== 'GET') return plain(response, 405, 'Method not allowed', { Allow: 'GET' })
    if (delivered) return plain(response, 409, 'This sign-in was already handled. Return to Lead Admin.')
    delivered = true
    deliver({ query: url.searchParams, reply: (status, html) => sendPage(response, status, html) })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port)))
    server.listen({ host: CALLBACK_HOST, port, exclusive: true }, resolve)
  })
  // An error after start must not crash the app: the sign-in then simply times out.
  server.on('error', (error) => log.warn('The sign-in callback listener failed', error))
  const bound = (server.address() as AddressInfo).port

  let closed: Promise<void> | undefined
  return {
    redirectUri: callbackUrl(bound, path),
    next(signal) {
      if (signal.aborted) return Promise.reject(signal.reason)
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason)
        signal.addEventListener('abort', onAbort, { once: true })
        void first.then((callback) => {
          signal.removeEventListener('abort', onAbort)
          resolve(callback)
        })
      })
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Pages already sent have been handed to the OS; idle keep-alive sockets would hold the port.
        server.closeAllConnections()
      })
      return closed
    }
  }
}
