import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { extname, resolve } from 'node:path'
import { contentTypeOf, rendererFileAt } from '../renderer-files'
import type { Services } from '../core/services'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { attachBridge, injectBridgeToken } from './loopback-bridge'

export interface RendererServer {
  url: string
  token: string
  server: Server
  close(): Promise<void>
}

/**
 * Serves the built renderer (`out/renderer`) and the loopback bridge from one 127.0.0.1 port,
 * the way the end-to-end tests open the app in Chromium.
 */
export async function serveBuiltRenderer(rendererDir: string, services: Services): Promise<RendererServer> {
  const token = randomBytes(24).toString('hex')
  const root = resolve(rendererDir)
  const server = createServer((request, response) => {
    serveFile(root, token, request.url, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })
  const detach = attachBridge(server, services, token)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('The renderer server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        detach()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The file a request path names inside the root; 400 for a malformed path, 403 for one outside. */
function rendererFile(root: string, requestPath: string | undefined): { file: string } | { status: 400 | 403 } {
  const parsed = URL.parse(requestPath ?? '/', 'http://127.0.0.1')
  // e.g. a broken percent-encoding such as /%E0%A4%A
  if (!parsed) return { status: 400 }
  const target = rendererFileAt(root, parsed.pathname)
  if ('file' in target) return target
  return { status: target.refused === 'malformed' ? 400 : 403 }
}

async function serveFile(
  root: string,
  token: string,
  requestPath: string | undefined,
  response: ServerResponse
): Promise<void> {
  const target = rendererFile(root, requestPath)
  if ('status' in target) {
    response.writeHead(target.status).end()
    return
  }
  const { file } = target
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    response.writeHead(404).end()
    return
  }
  const isPage = extname(file) === '.html'
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': 'no-store'
  })
  response.end(isPage ? injectBridgeToken(body.toString('utf8'), token) : body)
}
