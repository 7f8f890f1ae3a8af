import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { channelNames, eventNames } from '../../electron/contract'
import { requireBuilt } from '../support/built-app'

/**
 * Runs the BUILT preload (out/preload/index.cjs) the way a sandboxed renderer does: a fresh
 * context whose `require` knows only 'electron'. It must expose exactly the contract.
 */
function loadPreload() {
  const exposed: Record<string, unknown> = {}
  const invoked: Array<[string, unknown]> = []
  const subscriptions: string[] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (channel: string, arg: unknown) => {
        invoked.push([channel, arg])
        return { ok: true, value: channel }
      },
      on: (channel: string) => subscriptions.push(channel),
      removeListener: (channel: string) => subscriptions.splice(subscriptions.indexOf(channel), 1)
    }
  }
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron
    throw new Error(`A sandboxed preload cannot require "${name}"`)
  }
  const module = { exports: {} }
  runInNewContext(readFileSync(requireBuilt('preload/index.cjs'), 'utf8'), {
    require: sandboxRequire,
    module,
    exports: module.exports,
    console
  })
  return {
    api: exposed.api as Record<string, Record<string, (...args: unknown[]) => unknown>>,
    exposed,
    invoked,
    subscriptions
  }
}

describe('built preload (sandbox)', () => {
  it('requires nothing but electron and exposes only window.api', () => {
    const { exposed } = loadPreload()
    expect(Object.keys(exposed)).toEqual(['api'])
  })

  it('has one method per channel, calling ipcRenderer.invoke with the channel name', async () => {
    const { api, invoked } = loadPreload()
    for (const channel of channelNames) {
      const [namespace, method] = channel.split('.') as [string, string]
      expect(typeof api[namespace]?.[method], channel).toBe('function')
      expect(await api[namespace]![method]!({ probe: channel })).toEqual({ ok: true, value: channel })
    }
    expect(invoked.map(([channel]) => channel)).toEqual(channelNames)
    const methodCount = Object.entries(api)
      .filter(([namespace]) => namespace !== 'events')
      .reduce((sum, [, methods]) => sum + Object.keys(methods).length, 0)
    expect(methodCount).toBe(channelNames.length)
  })

  it('subscribes to known events only and can unsubscribe', () => {
    const { api, subscriptions } = loadPreload()
    const off = api.events!.on!(eventNames[0], () => {}) as () => void
    expect(subscriptions).toEqual([`event:${eventNames[0]}`])
    off()
    expect(subscriptions).toEqual([])
    expect(() => api.events!.on!('ipc.anything', () => {})).toThrow('Unknown event')
  })
})
