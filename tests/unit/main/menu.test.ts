import { describe, expect, it, vi } from 'vitest'
import { buildMenuTemplate, type MenuItemTemplate } from '../../../electron/main/menu'

const roles = (items: MenuItemTemplate[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])])

const menu = (options: { isMac?: boolean; isPackaged?: boolean; openLogFolder?: () => void } = {}) =>
  buildMenuTemplate({
    appName: 'Lead Admin',
    isMac: options.isMac ?? false,
    isPackaged: options.isPackaged ?? true,
    openLogFolder: options.openLogFolder ?? vi.fn()
  })

describe('application menu', () => {
  it('has the standard edit roles so copy and paste work in every field', () => {
    expect(roles(menu())).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']))
  })

  it('adds the app menu on macOS only', () => {
    expect(menu({ isMac: true })[0]?.label).toBe('Lead Admin')
    expect(menu({ isMac: false })[0]?.label).toBe('File')
  })

  it('opens the log folder from Help', () => {
    const openLogFolder = vi.fn()
    const help = menu({ openLogFolder }).find((i) => i.role === 'help')
    help?.submenu?.[0]?.click?.()
    expect(openLogFolder).toHaveBeenCalledOnce()
  })

  it('offers the developer tools and reload in development only, never in the packaged app', () => {
    for (const isMac of [false, true]) {
      const packaged = roles(menu({ isMac, isPackaged: true }))
      expect(packaged).not.toContain('toggleDevTools')
      expect(packaged).not.toContain('reload')
      expect(packaged).not.toContain('forceReload')
      expect(packaged).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']))
      expect(roles(menu({ isMac, isPackaged: false }))).toEqual(
        expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload', 'resetZoom'])
      )
    }
  })
})
