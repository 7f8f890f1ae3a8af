import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames } from '../../electron/contract'
import { CONTENT_SECURITY_POLICY } from '../../electron/csp'
import { makeTempDir } from '../support/core'
import { projectRoot, requireBuilt } from '../support/built-app'

interface ServedFile {
  status: number
  contentType: string | null
  csp: string | null
  isPage: boolean
}

interface SmokeReport {
  isPackaged: boolean
  windows: Array<{
    options: { webPreferences: Record<string, unknown>; show: boolean }
    loadedUrl: string | null
    windowOpenHandlerSet: boolean
    newWindowDecision: unknown
    willNavigateGuarded: boolean
    served: { page: ServedFile; outside: ServedFile } | null
    ipcFromPage: string | null
    ipcFromOtherPage: string | null
  }>
  ipcHandlers: string[]
  ipcListeners: string[]
  headerHooks: number
  menuSet: boolean
  menuRoles: string[]
  privilegedSchemes: { schemes: unknown; beforeReady: boolean } | null
  handledSchemes: string[]
  permissions: { requestGranted: boolean | null; clipboardCheck: boolean | null; deviceCheck: boolean | null } | null
  externalOpened: string[]
  quit: boolean
  errors: string[]
}

/** A dev server address in the environment, as electron-vite sets it (or as someone could, to a packaged app). */
const DEV_SERVER_URL = 'http://localhost:5173'

/**
 * Starts the BUILT main bundle (out/main/index.js) in plain Node with a recording stand-in for
 * the `electron` module — the closest we can get here to launching the real app.
 */
async function runBuiltMain(userData: string, packaged: boolean): Promise<SmokeReport> {
  const mainBundle = requireBuilt('main/index.js')
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', join(projectRoot, 'tests/support/electron-stub/register.mjs'), mainBundle],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        LEAD_ADMIN_STUB_USER_DATA: userData,
        LEAD_ADMIN_STUB_PACKAGED: packaged ? '1' : '0',
        ELECTRON_RENDERER_URL: DEV_SERVER_URL
      },
      timeout: 30_000
    }
  )
  const line = stdout.split('\n').find((text) => text.startsWith('SMOKE_REPORT '))
  if (!line) throw new Error(`The main bundle printed no report:\n${stdout}`)
  return JSON.parse(line.slice('SMOKE_REPORT '.length)) as SmokeReport
}

describe('built main process (smoke)', () => {
  let packaged: SmokeReport
  let development: SmokeReport
  const temps: Array<Awaited<ReturnType<typeof makeTempDir>>> = []

  beforeAll(async () => {
    temps.push(await makeTempDir(), await makeTempDir())
    ;[packaged, development] = await Promise.all([
      runBuiltMain(temps[0]!.dir, true),
      runBuiltMain(temps[1]!.dir, false)
    ])
  })
  afterAll(() => Promise.all(temps.map((temp) => temp.cleanup())))

  it('starts without errors and does not quit, packaged or not', () => {
    for (const report of [packaged, development]) {
      expect(report.errors).toEqual([])
      expect(report.quit).toBe(false)
    }
    expect(packaged.isPackaged).toBe(true)
    expect(development.isPackaged).toBe(false)
  })

  it('creates one window with the security settings and the built preload', () => {
    expect(packaged.windows).toHaveLength(1)
    const [window] = packaged.windows
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: join(projectRoot, 'out/preload/index.cjs')
    })
    expect(window!.options.show).toBe(false)
    expect(development.windows[0]!.options.webPreferences).toMatchObject({ devTools: true })
  })

  it('packaged: loads its own renderer from app:// and ignores ELECTRON_RENDERER_URL', () => {
    const [window] = packaged.windows
    expect(window!.loadedUrl).toBe('app://lead-admin/index.html')
    expect(window!.ipcFromPage).toBe('ok')
    expect(window!.ipcFromOtherPage).toBe('UNTRUSTED_SENDER')
  })

  it('development: loads and trusts the dev server', () => {
    const [window] = development.windows
    expect(window!.loadedUrl).toBe(DEV_SERVER_URL)
    expect(window!.ipcFromPage).toBe('ok')
    expect(window!.ipcFromOtherPage).toBe('UNTRUSTED_SENDER')
  })

  it('serves out/renderer on the privileged app scheme, with the CSP, and nothing outside it', () => {
    expect(packaged.privilegedSchemes).toEqual({
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }],
      beforeReady: true
    })
    expect(packaged.handledSchemes).toEqual(['app'])
    expect(packaged.windows[0]!.served).toEqual({
      page: { status: 200, contentType: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, isPage: true },
      outside: { status: 404, contentType: null, csp: null, isPage: false }
    })
  })

  it('denies new windows, blocks navigation and opens no unknown site in the browser', () => {
    for (const report of [packaged, development]) {
      const [window] = report.windows
      expect(window!.windowOpenHandlerSet).toBe(true)
      expect(window!.newWindowDecision).toEqual({ action: 'deny' })
      expect(window!.willNavigateGuarded).toBe(true)
      expect(report.externalOpened).toEqual([])
    }
  })

  it('refuses every web permission', () => {
    expect(packaged.permissions).toEqual({ requestGranted: false, clipboardCheck: false, deviceCheck: false })
  })

  it('registers a handler for every channel of the contract and nothing else', () => {
    expect([...packaged.ipcHandlers].sort()).toEqual([...channelNames].sort())
    expect(packaged.ipcListeners).toEqual([])
  })

  it('installs the Content-Security-Policy and the menu, with the developer tools only in development', () => {
    expect(packaged.headerHooks).toBe(1)
    expect(packaged.menuSet).toBe(true)
    expect(packaged.menuRoles).toEqual(expect.arrayContaining(['copy', 'paste', 'resetZoom']))
    expect(packaged.menuRoles).not.toContain('toggleDevTools')
    expect(packaged.menuRoles).not.toContain('reload')
    expect(development.menuRoles).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
  })
})
