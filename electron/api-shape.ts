/**
 * Builds the namespaced `window.api` object (`api.portals.list()`, `api.events.on(...)`) from
 * channel names and two transport functions. Used by the Electron preload script and by the
 * loopback browser shim, so both expose exactly the same shape.
 *
 * Dependency-free on purpose: the renderer bundle may include it (the only runtime import the
 * renderer is allowed from `electron/`).
 */
export type Invoke = (channel: string, arg: unknown) => Promise<unknown>
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void

export function buildWindowApi(
  channelNames: readonly string[],
  eventNames: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe
): Record<string, unknown> {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of channelNames) {
    const dot = channel.indexOf('.')
    const namespace = channel.slice(0, dot)
    const method = channel.slice(dot + 1)
    api[namespace] ??= {}
    api[namespace][method] = (arg?: unknown) => invoke(channel, arg)
  }
  api.events = {
    on(event: string, listener: (payload: unknown) => void) {
      if (!eventNames.includes(event)) throw new Error(`Unknown event "${event}"`)
      if (typeof listener !== 'function') throw new Error('The listener must be a function')
      return subscribe(event, listener)
    }
  }
  return api
}
