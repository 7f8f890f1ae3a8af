import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames } from '../../electron/contract'
import { CONTENT_SECURITY_POLICY } from '../../electron/csp'
import { makeTempDir } from '../support/core'
import { projectRoot, requireBuilt } from '../support/built-app'

interface SmokeReport {
  windows: Array<{
    options: { webPreferences: Record<string, unknown>; show: boolean }
    loadedUrl: string | null
    windowOpenHandlerSet: boolean
    newWindowDecision: unknown
    willNavigateGuarded: boolean
  }>
  ipcHandlers: string[]
  ipcListeners: string[]
  headerHooks: number
  menuSet: boolean
  quit: boolean
  errors: string[]
}

/**
 * Starts the BUILT main bundle (out/main/index.js) in plain Node with a recording stand-in for
 * the `electron` module — the closest we can get here to launching the real app.
 */
describe('built main process (smoke)', () => {
  let report: SmokeReport
  let temp: Awaited<ReturnType<typeof makeTempDir>>

  beforeAll(async () => {
    temp = await makeTempDir()
    const mainBundle = requireBuilt('main/index.js')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', join(projectRoot, 'tests/support/electron-stub/register.mjs'), mainBundle],
      { cwd: projectRoot, env: { ...process.env, LEAD_ADMIN_STUB_USER_DATA: temp.dir }, timeout: 30_000 }
    )
    const line = stdout.split('\n').find((text) => text.startsWith('SMOKE_REPORT '))
    if (!line) throw new Error(`The main bundle printed no report:\n${stdout}`)
    report = JSON.parse(line.slice('SMOKE_REPORT '.length)) as SmokeReport
  })
  afterAll(() => temp.cleanup())

  it('starts without errors and does not quit', () => {
    expect(report.errors).toEqual([])
    expect(report.quit).toBe(false)
  })

  it('creates one window with the security settings and the built preload', () => {
    expect(report.windows).toHaveLength(1)
    const [window] = report.windows
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(projectRoot, 'out/preload/index.cjs')
    })
    expect(window!.options.show).toBe(false)
    expect(window!.loadedUrl).toBe(`file://${join(projectRoot, 'out/renderer/index.html')}`)
  })

  it('denies new windows and blocks navigation', () => {
    const [window] = report.windows
    expect(window!.windowOpenHandlerSet).toBe(true)
    expect(window!.newWindowDecision).toEqual({ action: 'deny' })
    expect(window!.willNavigateGuarded).toBe(true)
  })

  it('registers a handler for every channel of the contract and nothing else', () => {
    expect([...report.ipcHandlers].sort()).toEqual([...channelNames].sort())
    expect(report.ipcListeners).toEqual([])
  })

  it('installs the Content-Security-Policy and the menu', () => {
    expect(report.headerHooks).toBe(1)
    expect(report.menuSet).toBe(true)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
  })
})
