import type { Envelope, WindowApi } from '../../../electron/contract'
import { vi } from 'vitest'

const ok = <T>(value: T): Promise<Envelope<T>> => Promise.resolve({ ok: true, value })

/** A window.api for component tests: every call succeeds with an empty answer unless overridden. */
export function makeFakeApi(): WindowApi {
  return {
    app: {
      info: vi.fn(() =>
        ok({
          name: 'Lead Admin',
          version: '1.0.0',
          platform: 'linux',
          host: 'loopback' as const,
          secretStore: { available: true, backend: 'memory' as const }
        })
      )
    },
    portals: {
      list: vi.fn(() => ok([])),
      connectWebhook: vi.fn(),
      startOAuth: vi.fn(),
      remove: vi.fn(() => ok(undefined)),
      openDemo: vi.fn()
    },
    events: { on: vi.fn(() => () => {}) }
  } as unknown as WindowApi
}
