import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../electron/csp'
import {
  applyContentSecurityPolicy,
  guardWebContents,
  secureWebPreferences,
  type GuardedWebContents
} from '../../../electron/main/security'

function fakeContents() {
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  let navigate: ((event: { preventDefault(): void }, url: string) => void) | undefined
  const contents: GuardedWebContents = {
    setWindowOpenHandler: (handler) => (openHandler = handler),
    on: (_event, listener) => (navigate = listener)
  }
  return {
    contents,
    open: (url: string) => openHandler!({ url }),
    navigate: (url: string) => {
      const event = { preventDefault: vi.fn() }
      navigate!(event, url)
      return event
    }
  }
}

describe('window security', () => {
  it('denies every new window and offers its address to the link opener instead', () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const fake = fakeContents()
    guardWebContents(fake.contents, openExternal)
    expect(fake.open('https://acme.bitrix24.com/crm/lead/details/1/')).toEqual({ action: 'deny' })
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    // The opener (external-links.ts) decides what may leave the app; the window never opens one.
    expect(openExternal.mock.calls).toEqual([
      ['https://acme.bitrix24.com/crm/lead/details/1/'],
      ['file:///etc/passwd'],
      ['javascript:alert(1)']
    ])
  })

  it('blocks every navigation of the app window', () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const fake = fakeContents()
    guardWebContents(fake.contents, openExternal)
    expect(fake.navigate('http://evil.example/').preventDefault).toHaveBeenCalled()
    expect(fake.navigate('https://acme.bitrix24.com/').preventDefault).toHaveBeenCalled()
    expect(fake.navigate('app://lead-admin/index.html').preventDefault).toHaveBeenCalled()
    expect(openExternal.mock.calls).toEqual([
      ['http://evil.example/'],
      ['https://acme.bitrix24.com/'],
      ['app://lead-admin/index.html']
    ])
  })

  it('uses isolated, sandboxed web preferences without Node', () => {
    const preferences = secureWebPreferences('/app/preload.cjs', { devTools: false })
    expect(preferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false
    })
    // Nothing experimental and no extra Blink features.
    expect(preferences).not.toHaveProperty('experimentalFeatures')
    expect(preferences).not.toHaveProperty('enableBlinkFeatures')
    expect(secureWebPreferences('/app/preload.cjs', { devTools: true }).devTools).toBe(true)
  })

  it('adds the Content-Security-Policy header to every response', () => {
    let listener:
      Parameters<Parameters<typeof applyContentSecurityPolicy>[0]['webRequest']['onHeadersReceived']>[0] | undefined
    applyContentSecurityPolicy({ webRequest: { onHeadersReceived: (l) => (listener = l) } })
    const callback = vi.fn()
    listener!({ responseHeaders: { 'X-Other': ['1'] } }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })

  it('has a strict policy: scripts only from the app, nothing framed, no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/)
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })
})
