import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron'
import { KeytarSecretStore } from '../core/auth/keytar-secret-store'
import { log, setLogSink } from '../core/log'
import { createServices } from '../core/services'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol'
import { ElectronFilePort } from './electron-file-port'
import { createExternalLinkOpener, createSignInPageOpener, DOCUMENTATION_ORIGINS } from './external-links'
import { forwardEvents, registerIpcHandlers } from './ipc'
import { useElectronLog } from './logging'
import { buildMenuTemplate } from './menu'
import { denyAllPermissions } from './permissions'
import { chooseRendererSource } from './renderer-source'
import { applyContentSecurityPolicy } from './security'
import { createTrustedSenderCheck } from './trusted-sender'
import { openMainWindow } from './window'

const renderer = chooseRendererSource({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL
})

async function start(): Promise<void> {
  setLogSink(useElectronLog(app.getPath('logs')))
  if (renderer.ignoredDevServerUrl !== undefined) {
    log.warn('ELECTRON_RENDERER_URL is ignored: only an unpackaged app loads a dev server on this machine')
  }
  const services = createServices({
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform, host: 'electron' },
    dataDir: app.getPath('userData'),
    secretStore: new KeytarSecretStore(),
    oauth: { openBrowser: createSignInPageOpener((url) => shell.openExternal(url)) },
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

  protocol.handle(APP_SCHEME_PRIVILEGES.scheme, createAppProtocolHandler(join(import.meta.dirname, '../renderer')))
  applyContentSecurityPolicy(session.defaultSession)
  denyAllPermissions(session.defaultSession)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        openLogFolder: () => void shell.openPath(app.getPath('logs'))
      }) as Parameters<typeof Menu.buildFromTemplate>[0]
    )
  )

  const isTrustedSender = createTrustedSenderCheck(
    () => BrowserWindow.getAllWindows().map((window) => window.webContents.id),
    renderer.trustedOrigins
  )
  registerIpcHandlers(ipcMain, services.dispatch, isTrustedSender)

  const window = await openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    openExternal: createExternalLinkOpener({
      allowedOrigins: async () => [...(await services.portals.webOrigins()), ...DOCUMENTATION_ORIGINS],
      openExternal: (url) => shell.openExternal(url)
    }),
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    windowStatePath: join(app.getPath('userData'), 'window-state.json'),
    rendererUrl: renderer.url,
    devTools: !app.isPackaged,
    title: 'Lead Admin'
  })
  const stopForwarding = forwardEvents(services.events, window.webContents)
  window.on('closed', stopForwarding)
  app.once('will-quit', () => void services.dispose())
}

// Before the app is ready, as Electron requires: the scheme the bundled renderer is served on.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

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
