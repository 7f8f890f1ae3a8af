import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { Plugin } from 'vite'
import type { Services } from '../core/services'
import { attachBridge, injectBridgeToken } from './loopback-bridge'

/** Serves the loopback bridge from Vite's dev server, for `npm run dev:web`. */
export function loopbackBridgePlugin(createServices: () => Services): Plugin {
  const token = randomBytes(24).toString('hex')
  return {
    name: 'lead-admin-loopback-bridge',
    apply: 'serve',
    configureServer(server) {
      if (server.httpServer) attachBridge(server.httpServer as Server, createServices(), token)
    },
    transformIndexHtml: (html) => injectBridgeToken(html, token)
  }
}
