import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Emulator } from '../emulator'
import { parseRequestParams, readBody, sendJson } from './http-server'
import { approveAuthorization, showAuthorizePage, type AuthorizeAnswer } from './oauth-authorize'
import { grantTokens } from './oauth-token'

function sendAuthorizeAnswer(response: ServerResponse, answer: AuthorizeAnswer): void {
  if ('location' in answer) {
    response.writeHead(302, { Location: answer.location, 'Cache-Control': 'no-store', 'Content-Length': 0 })
    response.end()
    return
  }
  response.writeHead(answer.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(answer.html)
  })
  response.end(answer.html)
}

/**
 * `/oauth/authorize/` (the portal's approve page) and `/oauth/token/` (the OAuth server, which
 * the emulator also plays), docs/bitrix24-protocol.md §5.1. Query and form/JSON body are merged.
 */
export async function serveOAuth(emulator: Emulator, request: IncomingMessage, response: ServerResponse, url: URL) {
  const path = url.pathname.replace(/\/+$/, '')
  const method = request.method ?? 'GET'
  const known = path === '/oauth/authorize' || path === '/oauth/token'
  if (!known) return sendJson(response, 404, { error: 'invalid_request', error_description: 'Unknown OAuth endpoint' })
  if (method !== 'GET' && method !== 'POST') {
    return sendJson(
      response,
      405,
      { error: 'invalid_request', error_description: 'Use GET or POST' },
      { Allow: 'GET, POST' }
    )
  }
  const body = method === 'POST' ? await readBody(request) : ''
  const params = parseRequestParams(url.search.slice(1), body, request.headers['content-type'])
  const server = { credentials: emulator.credentials, portal: emulator.portal, portalUrl: emulator.url }

  if (path === '/oauth/token') {
    const answer = grantTokens(params, { ...server, now: emulator.portal.clock.now() })
    return sendJson(response, answer.status, answer.body)
  }
  sendAuthorizeAnswer(
    response,
    method === 'GET' ? showAuthorizePage(params, server) : approveAuthorization(params, server)
  )
}
