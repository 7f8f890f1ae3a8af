import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openMainWindow } from '../../../electron/main/window'
import { writeWindowState } from '../../../electron/main/window-state'
import { makeTempDir } from '../../support/core'

/** Enough of BrowserWindow for openMainWindow. */
class FakeWindow extends EventEmitter {
  maximized = false
  loadedUrl = ''
  shown = false
  openHandler: ((details: { url: string }) => unknown) | undefined
  readonly webContents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (this.openHandler = handler),
    on: vi.fn()
  }
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
  }
  maximize() {
    this.maximized = true
  }
  isMaximized() {
    return this.maximized
  }
  show() {
    this.shown = true
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1111, height: 777 }
  }
  async loadURL(url: string) {
    this.loadedUrl = url
  }
}

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

async function open(windowStatePath: string) {
  let created: FakeWindow | undefined
  const openExternal = vi.fn().mockResolvedValue(undefined)
  await openMainWindow({
    createWindow: (options) => (created = new FakeWindow(options)) as unknown as BrowserWindow,
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1040 }],
    openExternal,
    preloadPath: '/app/out/preload/index.cjs',
    windowStatePath,
    rendererUrl: 'app://lead-admin/index.html',
    devTools: false,
    title: 'Lead Admin'
  })
  return { window: created!, openExternal }
}

describe('openMainWindow', () => {
  it('creates a secure, hidden-until-ready window and loads the app page', async () => {
    const { window } = await open(join(temp.dir, 'state.json'))
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false
    })
    expect(window.options.show).toBe(false)
    expect(window.loadedUrl).toBe('app://lead-admin/index.html')
    expect(window.openHandler?.({ url: 'https://x.bitrix24.com/' })).toEqual({ action: 'deny' })
    window.emit('ready-to-show')
    expect(window.shown).toBe(true)
  })

  it('reopens where the user left it and remembers the new place on close', async () => {
    const path = join(temp.dir, 'state.json')
    await writeWindowState(path, { bounds: { x: 100, y: 100, width: 1200, height: 800 }, maximized: true })
    const { window } = await open(path)
    expect(window.options).toMatchObject({ x: 100, y: 100, width: 1200, height: 800 })
    expect(window.maximized).toBe(true)
    window.emit('close')
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
        bounds: { x: 10, y: 20, width: 1111, height: 777 },
        maximized: true
      })
    )
  })
})
