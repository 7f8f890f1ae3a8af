import { describe, expect, it, vi } from 'vitest'
import { buildWindowApi } from '../../../electron/api-shape'

describe('buildWindowApi', () => {
  it('builds namespaced methods that invoke their channel', async () => {
    const invoke = vi.fn().mockResolvedValue('result')
    const api = buildWindowApi(['a.one', 'a.two', 'b.three'], [], invoke, vi.fn()) as Record<
      string,
      Record<string, (arg?: unknown) => Promise<unknown>>
    >
    expect(Object.keys(api).sort()).toEqual(['a', 'b', 'events'])
    expect(await api.a!.two!({ x: 1 })).toBe('result')
    expect(invoke).toHaveBeenCalledWith('a.two', { x: 1 })
    await api.b!.three!()
    expect(invoke).toHaveBeenLastCalledWith('b.three', undefined)
  })

  it('subscribes only to known events with a function listener', () => {
    const unsubscribe = vi.fn()
    const subscribe = vi.fn().mockReturnValue(unsubscribe)
    const api = buildWindowApi([], ['x.changed'], vi.fn(), subscribe) as {
      events: { on: (event: string, listener: unknown) => () => void }
    }
    const listener = () => {}
    expect(api.events.on('x.changed', listener)).toBe(unsubscribe)
    expect(subscribe).toHaveBeenCalledWith('x.changed', listener)
    expect(() => api.events.on('y.changed', listener)).toThrow('Unknown event')
    expect(() => api.events.on('x.changed', 'not a function')).toThrow('must be a function')
  })
})
