import { log } from '../core/log'

/** The parts of Electron's Session that decide web permissions. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void
  ): void
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean
  ): void
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void
}

/**
 * The app uses no web permission (no camera, notifications, clipboard API, devices, …), so
 * every request and every check is refused; a request is logged, as the page never makes one.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn(`Refused the page's request for the "${permission}" permission`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
