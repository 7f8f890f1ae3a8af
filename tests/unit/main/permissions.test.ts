import { afterEach, describe, expect, it, vi } from 'vitest'
import { setLogSink, type LogSink } from '../../../electron/core/log'
import { denyAllPermissions, type PermissionSession } from '../../../electron/main/permissions'

type Handlers = {
  request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0]
  check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0]
  device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0]
}

function fakeSession() {
  const handlers: Handlers = {}
  const session: PermissionSession = {
    setPermissionRequestHandler: (handler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler) => (handlers.check = handler),
    setDevicePermissionHandler: (handler) => (handlers.device = handler)
  }
  return { session, handlers }
}

afterEach(() => setLogSink(() => {}))

/** Permissions Electron asks about, the clipboard ones among them (the app needs none). */
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'hid',
  'media',
  'midi',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'usb',
  'window-management',
  'unknown'
]

describe('web permissions', () => {
  it('refuses every permission request and logs it', () => {
    const sink = vi.fn<LogSink>()
    setLogSink(sink)
    const { session, handlers } = fakeSession()
    denyAllPermissions(session)
    for (const permission of PERMISSIONS) {
      const callback = vi.fn()
      handlers.request!({}, permission, callback)
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false)
    }
    expect(sink).toHaveBeenCalledWith('warn', expect.stringContaining('"notifications"'))
    expect(sink).toHaveBeenCalledTimes(PERMISSIONS.length)
  })

  it('answers every permission check and device check with no', () => {
    const { session, handlers } = fakeSession()
    denyAllPermissions(session)
    for (const permission of PERMISSIONS) {
      expect(handlers.check!({}, permission, 'app://lead-admin'), permission).toBe(false)
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://lead-admin' })).toBe(false)
  })
})
