import { describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../electron/contract'
import { EventBus } from '../../../electron/core/events'
import { forwardEvents, registerIpcHandlers, type IpcMainLike } from '../../../electron/main/ipc'
import { createTrustedSenderCheck, type SenderEvent } from '../../../electron/main/trusted-sender'

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
    expect(await listener!(senderEvent(1, 'file:///app/index.html'), undefined)).toEqual({ ok: true, value: [] })
    expect(dispatch).toHaveBeenCalledWith('portals.list', undefined)
    dispatch.mockClear()
    expect(await listener!(senderEvent(2, 'file:///app/index.html'), undefined)).toMatchObject({
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
  it('accepts only the app window showing the app page (file build)', () => {
    const check = createTrustedSenderCheck(() => [7], 'file:///opt/lead-admin/out/renderer/index.html')
    expect(check(senderEvent(7, 'file:///opt/lead-admin/out/renderer/index.html#/portals'))).toBe(true)
    expect(check(senderEvent(8, 'file:///opt/lead-admin/out/renderer/index.html'))).toBe(false)
    expect(check(senderEvent(7, 'file:///tmp/evil.html'))).toBe(false)
    expect(check(senderEvent(7, 'https://evil.example/'))).toBe(false)
    expect(check(senderEvent(7, null))).toBe(false)
  })

  it('accepts the dev server origin in development', () => {
    const check = createTrustedSenderCheck(() => [1], 'http://localhost:5173/')
    expect(check(senderEvent(1, 'http://localhost:5173/#/leads'))).toBe(true)
    expect(check(senderEvent(1, 'http://localhost:5174/'))).toBe(false)
  })
})
