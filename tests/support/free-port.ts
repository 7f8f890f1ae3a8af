import { createServer, type Server } from 'node:net'

/** Holds a port on 127.0.0.1 until `close()`: for "this port is taken" tests. */
export async function occupyPort(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port, exclusive: true }, resolve)
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('No port was bound')
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** A port on 127.0.0.1 that was free a moment ago (for a listener that needs a fixed port). */
export async function freePort(): Promise<number> {
  const held = await occupyPort()
  await held.close()
  return held.port
}
