// A recording stand-in for the `electron` module, for the smoke test of the built main bundle.
// It records what the app asked Electron to do and prints it as JSON when the process ends.
// LEAD_ADMIN_STUB_PACKAGED=1 makes it play a packaged app (`app.isPackaged`).
const { EventEmitter } = require('node:events')
const { mkdtempSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

const userData = process.env.LEAD_ADMIN_STUB_USER_DATA || mkdtempSync(join(tmpdir(), 'lead-admin-stub-'))
const isPackaged = process.env.LEAD_ADMIN_STUB_PACKAGED === '1'
const report = {
  isPackaged,
  windows: [],
  ipcHandlers: [],
  ipcListeners: [],
  headerHooks: 0,
  menuSet: false,
  menuRoles: [],
  privilegedSchemes: null,
  handledSchemes: [],
  permissions: null,
  externalOpened: [],
  quit: false,
  errors: []
}
let ready = false
const ipcListenersByChannel = new Map()
const protocolHandlers = new Map()

class WebContents extends EventEmitter {
  constructor(id) {
    super()
    this.id = id
    this.windowOpenHandler = undefined
    this.session = session
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send() {}
  isDestroyed() {
    return false
  }
}

let nextId = 1
class BrowserWindow extends EventEmitter {
  static windows = []
  static getAllWindows() {
    return BrowserWindow.windows
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents(nextId++)
    this.record = { options, loadedUrl: null, windowOpenHandlerSet: false, willNavigateGuarded: false }
    BrowserWindow.windows.push(this)
    report.windows.push(this.record)
  }
  async loadURL(url) {
    this.record.loadedUrl = url
    this.record.windowOpenHandlerSet = typeof this.webContents.windowOpenHandler === 'function'
    this.record.newWindowDecision = this.webContents.windowOpenHandler?.({ url: 'https://example.org/' })
    const navigation = {
      prevented: false,
      preventDefault() {
        this.prevented = true
      }
    }
    this.webContents.emit('will-navigate', navigation, 'https://evil.example/')
    this.record.willNavigateGuarded = navigation.prevented
    this.record.served = await serveThroughAppProtocol(url)
    this.record.ipcFromPage = await callFromFrame(this.webContents.id, url)
    this.record.ipcFromOtherPage = await callFromFrame(this.webContents.id, 'https://evil.example/')
    report.permissions = permissionDecisions()
  }
  maximize() {}
  isMaximized() {
    return false
  }
  isMinimized() {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 }
  }
  show() {}
  focus() {}
  restore() {}
}

/** What the app's protocol handler answers for the page it loads and for a path that leaves its folder. */
async function serveThroughAppProtocol(url) {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1))
  if (!handler) return null
  const answer = async (requestUrl) => {
    const response = await handler({ url: requestUrl, method: 'GET' })
    const body = await response.text()
    return {
      status: response.status,
      contentType: response.headers.get('Content-Type'),
      csp: response.headers.get('Content-Security-Policy'),
      isPage: body.toLowerCase().startsWith('<!doctype html>')
    }
  }
  return { page: await answer(url), outside: await answer(new URL('/..%2F..%2Fpackage.json', url).href) }
}

/** A `portals.list` call as the page in `frameUrl` would make it: ok, or the refusal's code. */
async function callFromFrame(webContentsId, frameUrl) {
  const listener = ipcListenersByChannel.get('portals.list')
  if (!listener) return null
  const envelope = await listener({ sender: { id: webContentsId }, senderFrame: { url: frameUrl } }, undefined)
  return envelope.ok ? 'ok' : envelope.error.code
}

const permissionHandlers = {}
/** The app's answers to a permission request and to permission and device checks. */
function permissionDecisions() {
  let requestGranted = null
  permissionHandlers.request?.(null, 'notifications', (granted) => (requestGranted = granted), {})
  return {
    requestGranted,
    clipboardCheck: permissionHandlers.check ? permissionHandlers.check(null, 'clipboard-read', 'app://x', {}) : null,
    deviceCheck: permissionHandlers.device ? permissionHandlers.device({ deviceType: 'usb' }) : null
  }
}

const session = {
  defaultSession: undefined,
  fromPartition: () => session.defaultSession
}
session.defaultSession = {
  webRequest: { onHeadersReceived: () => (report.headerHooks += 1) },
  setPermissionRequestHandler: (handler) => (permissionHandlers.request = handler),
  setPermissionCheckHandler: (handler) => (permissionHandlers.check = handler),
  setDevicePermissionHandler: (handler) => (permissionHandlers.device = handler),
  setPreloads() {},
  getPreloads: () => [],
  registerPreloadScript() {},
  on() {}
}

const protocol = {
  registerSchemesAsPrivileged: (schemes) => (report.privilegedSchemes = { schemes, beforeReady: !ready }),
  handle: (scheme, handler) => {
    protocolHandlers.set(scheme, handler)
    report.handledSchemes.push(scheme)
  }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged,
  name: 'Lead Admin',
  getName: () => 'Lead Admin',
  getVersion: () => '0.0.0-smoke',
  getPath: (name) => join(userData, name === 'userData' ? '' : name),
  setPath() {},
  getAppPath: () => process.cwd(),
  getLocale: () => 'en-US',
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve().then(() => (ready = true)),
  isReady: () => ready,
  quit: () => (report.quit = true),
  setAppLogsPath() {}
})

const ipcMain = {
  handle: (channel, listener) => {
    report.ipcHandlers.push(channel)
    ipcListenersByChannel.set(channel, listener)
  },
  on: (channel) => report.ipcListeners.push(channel),
  removeHandler() {}
}

// Written as separate `exports.X =` lines so Node's ESM loader sees the named exports.
exports.app = app
exports.BrowserWindow = BrowserWindow
exports.ipcMain = ipcMain
exports.session = session
exports.protocol = protocol
exports.dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true, filePath: '' })
}
const rolesOf = (items) => items.flatMap((item) => [...(item.role ? [item.role] : []), ...rolesOf(item.submenu || [])])
exports.Menu = {
  buildFromTemplate: (template) => {
    report.menuRoles = rolesOf(template)
    return { template }
  },
  setApplicationMenu: () => (report.menuSet = true)
}
const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
exports.screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) }
exports.shell = { openExternal: async (url) => void report.externalOpened.push(url), openPath: async () => '' }
exports.webContents = { getAllWebContents: () => BrowserWindow.windows.map((window) => window.webContents) }

process.on('uncaughtException', (error) => report.errors.push(String((error && error.stack) || error)))
process.on('unhandledRejection', (error) => report.errors.push(String((error && error.stack) || error)))
process.on('exit', () => process.stdout.write('\nSMOKE_REPORT ' + JSON.stringify(report) + '\n'))
