import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { contentTypeOf } from '../content-types'
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
  const root = normalize(rendererDir)
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname))
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      const body = await readFile(file)
      const isPage = extname(file) === '.html'
      response.writeHead(200, {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store'
      })
      response.end(isPage ? injectBridgeToken(body.toString('utf8'), token) : body)
    } catch {
      response.writeHead(404).end()
    }
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
