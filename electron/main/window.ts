import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle as ElectronRectangle } from 'electron'
import { guardWebContents, secureWebPreferences, type OpenExternal } from './security'
import { MIN_SIZE, readWindowState, restoreBounds, writeWindowState, type Rectangle } from './window-state'

export interface MainWindowDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow
  workAreas: () => ElectronRectangle[]
  openExternal: OpenExternal
  preloadPath: string
  windowStatePath: string
  /** The dev server URL in development, otherwise the bundled renderer on the app's scheme. */
  rendererUrl: string
  /** Whether the developer tools can be opened (never in the packaged app). */
  devTools: boolean
  title: string
}

/** Opens the app window with the security settings, where the user left it last time. */
export async function openMainWindow(deps: MainWindowDeps): Promise<BrowserWindow> {
  const saved = await readWindowState(deps.windowStatePath)
  const window = deps.createWindow({
    ...restoreBounds(saved?.bounds, deps.workAreas()),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: deps.title,
    show: false,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(deps.preloadPath, { devTools: deps.devTools })
  })
  guardWebContents(window.webContents, deps.openExternal)
  if (saved?.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  rememberWindowState(window, deps.windowStatePath)
  await window.loadURL(deps.rendererUrl)
  return window
}

function rememberWindowState(window: BrowserWindow, path: string): void {
  const save = () => {
    const bounds: Rectangle = window.getNormalBounds()
    void writeWindowState(path, { bounds, maximized: window.isMaximized() })
  }
  window.on('close', save)
}
