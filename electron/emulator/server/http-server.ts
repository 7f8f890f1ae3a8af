import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Params } from '../methods/params'
import { phpJson } from './envelope'
import { listify, parsePhpQuery } from './php-query'
import type { RestServer } from './rest-server'

const MAX_BODY_BYTES = 32 * 1024 * 1024

/** Response headers of the REST server (docs/bitrix24-protocol.md §1.4). */
const REST_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'origin, content-type, accept',
  'X-Content-Type-Options': 'nosniff'
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Query and body merged into one map (body wins), as the REST server does. A JSON body that
 * does not parse counts as empty; form bodies use PHP bracket syntax.
 */
export function parseRequestParams(query: string, body: string, contentType: string | undefined): Params {
  let fromBody: Params = {}
  if (body && contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body)
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fromBody = listify(parsed) as Params
    } catch {
      // Silently empty, like the portal.
    }
  } else if (body && (!contentType || contentType.includes('application/x-www-form-urlencoded'))) {
    fromBody = parsePhpQuery(body)
  }
  // Spreading copies each key as the map's own, `__proto__` too (Object.assign would set the prototype).
  return { ...parsePhpQuery(query), ...fromBody }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = phpJson(body)
  response.writeHead(status, { ...REST_HEADERS, 'Content-Length': Buffer.byteLength(text), ...headers })
  response.end(text)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// `/rest/{userId}/{code}/{method}` or `/rest/{method}`, with an optional .json / .xml suffix.
const WEBHOOK_PATH = /^\/rest\/(\d+)\/([^/]+)\/([^/]+?)(\.json|\.xml)?\/?$/
const OAUTH_PATH = /^\/rest\/([^/]+?)(\.json|\.xml)?\/?$/

/** Serves a `/rest/...` request. */
export async function serveRest(
  rest: RestServer,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL
): Promise<void> {
  const webhookMatch = WEBHOOK_PATH.exec(url.pathname)
  const oauthMatch = webhookMatch ? null : OAUTH_PATH.exec(url.pathname)
  const match = webhookMatch ?? oauthMatch
  if (!match) {
    sendJson(response, 404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' })
    return
  }
  const suffix = webhookMatch ? webhookMatch[4] : oauthMatch![2]
  if (suffix === '.xml') {
    sendJson(response, 400, {
      error: 'INVALID_REQUEST',
      error_description: 'This portal emulator answers in JSON only.'
    })
    return
  }
  const body = await readBody(request)
  const params = parseRequestParams(url.search.slice(1), body, request.headers['content-type'])
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]
  const token = [params.auth, params.access_token, bearer].find(
    (value) => typeof value === 'string' && value !== ''
  ) as string | undefined
  delete params.auth
  delete params.access_token
  const answer = rest.handle({
    method: decodeURIComponent(webhookMatch ? webhookMatch[3]! : oauthMatch![1]!),
    params,
    webhook: webhookMatch ? { userId: Number(webhookMatch[1]), code: webhookMatch[2]! } : undefined,
    token
  })
  if (answer.delayMs > 0) await sleep(answer.delayMs)
  if ('drop' in answer) {
    request.socket.destroy()
    return
  }
  if ('text' in answer) {
    response.writeHead(answer.status, { ...REST_HEADERS, ...answer.headers })
    response.end(answer.text)
    return
  }
  sendJson(response, answer.status, answer.body)
}
