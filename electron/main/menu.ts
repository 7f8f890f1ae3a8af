/** The application menu, as a template Electron's Menu.buildFromTemplate accepts. */
export interface MenuItemTemplate {
  label?: string
  role?: string
  type?: 'separator'
  accelerator?: string
  click?: () => void
  submenu?: MenuItemTemplate[]
}

/** Reload and the developer tools: for development only, never in the packaged app. */
const DEVELOPMENT_ITEMS: MenuItemTemplate[] = [
  { role: 'reload' },
  { role: 'forceReload' },
  { role: 'toggleDevTools' },
  { type: 'separator' }
]

export function buildMenuTemplate(options: {
  appName: string
  isMac: boolean
  isPackaged: boolean
  openLogFolder: () => void
}): MenuItemTemplate[] {
  const { appName, isMac, isPackaged, openLogFolder } = options
  return [
    ...(isMac
      ? [
          {
            label: appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' as const },
              { role: 'hide' },
              { role: 'hideOthers' },
              { type: 'separator' as const },
              { role: 'quit' }
            ]
          }
        ]
      : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    {
      label: 'View',
      submenu: [
        ...(isPackaged ? [] : DEVELOPMENT_ITEMS),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Open log folder', click: openLogFolder }] }
  ]
}
