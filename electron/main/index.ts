import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron'
import { KeytarSecretStore } from '../core/auth/keytar-secret-store'
import { log, setLogSink } from '../core/log'
import { createServices } from '../core/services'
import { ElectronFilePort } from './electron-file-port'
import { forwardEvents, registerIpcHandlers } from './ipc'
import { useElectronLog } from './logging'
import { buildMenuTemplate } from './menu'
import { applyContentSecurityPolicy, isSafeExternalUrl } from './security'
import { createTrustedSenderCheck } from './trusted-sender'
import { openMainWindow } from './window'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererUrl = devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href

/** Only https pages go to the system browser (the sign-in of a local demo portal is http on 127.0.0.1). */
async function openExternalHttps(url: string): Promise<void> {
  const parsed = new URL(url)
  const loopback = parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1'
  if (!isSafeExternalUrl(url) && !loopback) throw new Error('Only https addresses are opened in the browser')
  await shell.openExternal(url)
}

async function start(): Promise<void> {
  setLogSink(useElectronLog(app.getPath('logs')))
  const services = createServices({
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform, host: 'electron' },
    dataDir: app.getPath('userData'),
    secretStore: new KeytarSecretStore(),
    oauth: { openBrowser: (url) => openExternalHttps(url) },
    files: new ElectronFilePort({
      // Over the app's window when it has the focus, so the dialog is modal to it.
      showOpenDialog: (options) => {
        const window = BrowserWindow.getFocusedWindow()
        return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)
      },
      showSaveDialog: (options) => {
        const window = BrowserWindow.getFocusedWindow()
        return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)
      }
    })
  })

  applyContentSecurityPolicy(session.defaultSession)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        openLogFolder: () => void shell.openPath(app.getPath('logs'))
      }) as Parameters<typeof Menu.buildFromTemplate>[0]
    )
  )

  const isTrustedSender = createTrustedSenderCheck(
    () => BrowserWindow.getAllWindows().map((window) => window.webContents.id),
    rendererUrl
  )
  registerIpcHandlers(ipcMain, services.dispatch, isTrustedSender)

  const window = await openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    openExternal: (url) => shell.openExternal(url),
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    windowStatePath: join(app.getPath('userData'), 'window-state.json'),
    rendererUrl,
    title: 'Lead Admin'
  })
  const stopForwarding = forwardEvents(services.events, window.webContents)
  window.on('closed', stopForwarding)
  app.once('will-quit', () => void services.dispose())
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('The app could not start', error)
      app.quit()
    })
}
