import { describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../electron/contract'
import { EventBus } from '../../../electron/core/events'
import { forwardEvents, registerIpcHandlers, type IpcMainLike } from '../../../electron/main/ipc'
import { createTrustedSenderCheck, pageOrigin, type SenderEvent } from '../../../electron/main/trusted-sender'

type Listener = Parameters<IpcMainLike['handle']>[1]

function fakeIpcMain() {
  const handlers = new Map<string, Listener[]>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, [...(handlers.get(channel) ?? []), listener])
  }
  return { ipcMain, handlers }
}

const senderEvent = (id: number, url: string | null): SenderEvent => ({
  sender: { id },
  senderFrame: url === null ? null : { url }
})

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipcMain, handlers } = fakeIpcMain()
    registerIpcHandlers(ipcMain, vi.fn(), () => true)
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort())
    for (const list of handlers.values()) expect(list).toHaveLength(1)
  })

  it('passes trusted calls to the dispatcher and refuses untrusted senders without calling it', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const dispatch = vi.fn().mockResolvedValue({ ok: true, value: [] })
    registerIpcHandlers(ipcMain, dispatch, (event) => event.sender.id === 1)
    const [listener] = handlers.get('portals.list')!
    expect(await listener!(senderEvent(1, 'app://lead-admin/index.html'), undefined)).toEqual({ ok: true, value: [] })
    expect(dispatch).toHaveBeenCalledWith('portals.list', undefined)
    dispatch.mockClear()
    expect(await listener!(senderEvent(2, 'app://lead-admin/index.html'), undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' }
    })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('forwards core events to a live window only', () => {
    const events = new EventBus()
    const send = vi.fn()
    let destroyed = false
    const stop = forwardEvents(events, { isDestroyed: () => destroyed, send })
    events.emit('portals.changed', [])
    destroyed = true
    events.emit('portals.changed', [])
    expect(send.mock.calls).toEqual([['event:portals.changed', []]])
    stop()
    destroyed = false
    events.emit('portals.changed', [])
    expect(send).toHaveBeenCalledTimes(1)
  })
})

describe('trusted sender check', () => {
  it('accepts only the app window showing a page of the app origin', () => {
    const check = createTrustedSenderCheck(() => [7], ['app://lead-admin'])
    expect(check(senderEvent(7, 'app://lead-admin/index.html#/portals'))).toBe(true)
    expect(check(senderEvent(8, 'app://lead-admin/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'app://other-host/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'app://lead-admin:8080/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'app://lead-admin@evil.example/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'file:///opt/lead-admin/out/renderer/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'https://evil.example/'))).toBe(false)
    expect(check(senderEvent(7, 'about:blank'))).toBe(false)
    expect(check(senderEvent(7, 'not a url'))).toBe(false)
    expect(check(senderEvent(7, null))).toBe(false)
  })

  it('accepts the dev server origin when it is one of the trusted origins', () => {
    const check = createTrustedSenderCheck(() => [1], ['app://lead-admin', 'http://localhost:5173'])
    expect(check(senderEvent(1, 'http://localhost:5173/#/leads'))).toBe(true)
    expect(check(senderEvent(1, 'app://lead-admin/index.html'))).toBe(true)
    expect(check(senderEvent(1, 'http://localhost:5174/'))).toBe(false)
    expect(check(senderEvent(1, 'https://localhost:5173/'))).toBe(false)
  })
})

describe('pageOrigin', () => {
  it('is scheme and host, also for the app scheme (which WHATWG URLs give an opaque origin)', () => {
    expect(pageOrigin('app://lead-admin/assets/index.js')).toBe('app://lead-admin')
    expect(pageOrigin('https://acme.bitrix24.com:8443/x?y#z')).toBe('https://acme.bitrix24.com:8443')
    expect(pageOrigin('file:///index.html')).toBeNull()
    expect(pageOrigin('https://user:pass@acme.bitrix24.com/')).toBeNull()
    expect(pageOrigin(undefined)).toBeNull()
  })
})
