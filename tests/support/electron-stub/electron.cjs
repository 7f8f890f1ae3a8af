// A recording stand-in for the `electron` module, for the smoke test of the built main bundle.
// It records what the app asked Electron to do and prints it as JSON when the process ends.
const { EventEmitter } = require('node:events')
const { mkdtempSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

const userData = process.env.LEAD_ADMIN_STUB_USER_DATA || mkdtempSync(join(tmpdir(), 'lead-admin-stub-'))
const report = {
  windows: [],
  ipcHandlers: [],
  ipcListeners: [],
  headerHooks: 0,
  menuSet: false,
  quit: false,
  errors: []
}

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

const session = {
  defaultSession: undefined,
  fromPartition: () => session.defaultSession
}
session.defaultSession = {
  webRequest: { onHeadersReceived: () => (report.headerHooks += 1) },
  setPreloads() {},
  getPreloads: () => [],
  registerPreloadScript() {},
  on() {}
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  name: 'Lead Admin',
  getName: () => 'Lead Admin',
  getVersion: () => '0.0.0-smoke',
  getPath: (name) => join(userData, name === 'userData' ? '' : name),
  setPath() {},
  getAppPath: () => process.cwd(),
  getLocale: () => 'en-US',
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  quit: () => (report.quit = true),
  setAppLogsPath() {}
})

const ipcMain = {
  handle: (channel) => report.ipcHandlers.push(channel),
  on: (channel) => report.ipcListeners.push(channel),
  removeHandler() {}
}

// Written as separate `exports.X =` lines so Node's ESM loader sees the named exports.
exports.app = app
exports.BrowserWindow = BrowserWindow
exports.ipcMain = ipcMain
exports.session = session
exports.Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu: () => (report.menuSet = true) }
const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
exports.screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) }
exports.shell = { openExternal: async () => {}, openPath: async () => '' }
// Nothing is chosen in a smoke run: every dialog is cancelled.
exports.dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true })
}
exports.webContents = { getAllWebContents: () => BrowserWindow.windows.map((window) => window.webContents) }

process.on('uncaughtException', (error) => report.errors.push(String((error && error.stack) || error)))
process.on('unhandledRejection', (error) => report.errors.push(String((error && error.stack) || error)))
process.on('exit', () => process.stdout.write('\nSMOKE_REPORT ' + JSON.stringify(report) + '\n'))
