import { describe, expect, it, vi } from 'vitest'
import { buildMenuTemplate, type MenuItemTemplate } from '../../../electron/main/menu'

const roles = (items: MenuItemTemplate[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])])

describe('application menu', () => {
  it('has the standard edit roles so copy and paste work in every field', () => {
    const menu = buildMenuTemplate({ appName: 'Lead Admin', isMac: false, openLogFolder: vi.fn() })
    expect(roles(menu)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']))
  })

  it('adds the app menu on macOS only', () => {
    expect(buildMenuTemplate({ appName: 'Lead Admin', isMac: true, openLogFolder: vi.fn() })[0]?.label).toBe(
      'Lead Admin'
    )
    expect(buildMenuTemplate({ appName: 'Lead Admin', isMac: false, openLogFolder: vi.fn() })[0]?.label).toBe('File')
  })

  it('opens the log folder from Help', () => {
    const openLogFolder = vi.fn()
    const help = buildMenuTemplate({ appName: 'Lead Admin', isMac: false, openLogFolder }).find(
      (i) => i.role === 'help'
    )
    help?.submenu?.[0]?.click?.()
    expect(openLogFolder).toHaveBeenCalledOnce()
  })
})
