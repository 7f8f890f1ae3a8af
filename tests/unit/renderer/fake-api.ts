import type { Envelope, EventName, Events, PortalSummary, SyncStatus, WindowApi } from '../../../electron/contract'
import { vi } from 'vitest'

const ok = <T>(value: T): Promise<Envelope<T>> => Promise.resolve({ ok: true, value })

export type FakeApi = WindowApi & {
  /** Delivers an event to the listeners the component under test subscribed. */
  emit<E extends EventName>(event: E, payload: Events[E]): void
}

/** A portal's sync status with nothing going on. */
export const idleStatus = (portalId: string): SyncStatus => ({
  portalId,
  state: 'idle',
  rows: 0,
  requests: 0,
  pending: 0,
  conflicts: 0,
  needsAttention: 0,
  waitingBehind: 0,
  link: { state: 'online' }
})

/** A window.api for component tests: every call succeeds with an empty answer unless overridden. */
export function makeFakeApi(): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
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
      openDemo: vi.fn(),
      update: vi.fn(),
      confirmMove: vi.fn(),
      dismissMove: vi.fn()
    },
    sync: { status: vi.fn(({ portalId }: { portalId: string }) => ok(idleStatus(portalId))) },
    jobs: {
      list: vi.fn(() => ok([])),
      pause: vi.fn(),
      resume: vi.fn(),
      cancel: vi.fn()
    },
    events: {
      on: vi.fn((event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set()
        listeners.set(event, set.add(listener))
        return () => set.delete(listener)
      })
    },
    emit(event: string, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    }
  } as unknown as FakeApi
}

/** A connected webhook portal, as the renderer's tests show one. */
export function acmePortal(): PortalSummary {
  return {
    id: 'p1',
    name: 'Acme',
    domain: 'acme.bitrix24.com',
    authKind: 'webhook',
    color: '#2080f0',
    isProduction: false,
    addedAt: '',
    scopes: ['crm'],
    status: 'connected'
  }
}
