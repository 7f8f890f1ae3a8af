import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLogSink, type LogSink } from '../../../electron/core/log'
import {
  createExternalLinkOpener,
  createSignInPageOpener,
  DOCUMENTATION_ORIGINS,
  linkRefusal
} from '../../../electron/main/external-links'

let sink: ReturnType<typeof vi.fn<LogSink>>
beforeEach(() => {
  sink = vi.fn<LogSink>()
  setLogSink(sink)
})
afterEach(() => setLogSink(() => {}))

const PORTALS = ['https://acme.bitrix24.com', 'https://crm.example.org:8443']
const logged = () => sink.mock.calls.map(([level, message]) => `${level} ${message}`)

describe('linkRefusal', () => {
  it('allows https pages of the allowed origins', () => {
    expect(linkRefusal('https://acme.bitrix24.com/crm/lead/details/1/', PORTALS)).toBeNull()
    expect(linkRefusal('https://ACME.bitrix24.com/', PORTALS)).toBeNull()
    expect(linkRefusal('https://crm.example.org:8443/x?y=1#z', PORTALS)).toBeNull()
  })

  it('refuses everything else, with the reason', () => {
    const cases: Array<[string, string]> = [
      ['https://evil.example/', 'unknownSite'],
      ['https://acme.bitrix24.com.evil.example/', 'unknownSite'],
      ['https://crm.example.org/', 'unknownSite'],
      ['http://acme.bitrix24.com/', 'notHttps'],
      ['file:///etc/passwd', 'notHttps'],
      ['javascript:alert(1)', 'notHttps'],
      ['mailto:boss@acme.example', 'notHttps'],
      ['app://lead-admin/index.html', 'notHttps'],
      ['https://user:pass@acme.bitrix24.com/', 'hasCredentials'],
      ['not a url', 'notAddress']
    ]
    for (const [url, reason] of cases) expect(linkRefusal(url, PORTALS), url).toBe(reason)
  })

  it('allows nothing when no portal is connected: the pages link no documentation', () => {
    expect(DOCUMENTATION_ORIGINS).toEqual([])
    expect(linkRefusal('https://acme.bitrix24.com/', [])).toBe('unknownSite')
  })
})

describe('createExternalLinkOpener', () => {
  it('opens allowed links in the system browser, asking for the current portals each time', async () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const allowedOrigins = vi.fn().mockResolvedValueOnce([]).mockResolvedValue(PORTALS)
    const open = createExternalLinkOpener({ allowedOrigins, openExternal })
    await open('https://acme.bitrix24.com/crm/lead/details/1/')
    await open('https://acme.bitrix24.com/crm/lead/details/1/')
    expect(openExternal.mock.calls).toEqual([['https://acme.bitrix24.com/crm/lead/details/1/']])
    expect(allowedOrigins).toHaveBeenCalledTimes(2)
  })

  it('refuses the rest and logs where it pointed, never the path or the query', async () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const open = createExternalLinkOpener({ allowedOrigins: async () => PORTALS, openExternal })
    await open('https://evil.example/rest/1/secretwebhookcode/?auth=token123')
    await open('file:///etc/passwd')
    expect(openExternal).not.toHaveBeenCalled()
    expect(logged()).toEqual([
      'warn Refused to open a link in the browser (unknownSite): https://evil.example',
      'warn Refused to open a link in the browser (notHttps): file://'
    ])
    expect(JSON.stringify(sink.mock.calls)).not.toMatch(/secretwebhookcode|token123|passwd/)
  })

  it('never rejects: a failing browser or portal list is logged', async () => {
    const failingBrowser = createExternalLinkOpener({
      allowedOrigins: async () => PORTALS,
      openExternal: () => Promise.reject(new Error('no handler'))
    })
    await expect(failingBrowser('https://acme.bitrix24.com/')).resolves.toBeUndefined()
    const failingList = createExternalLinkOpener({
      allowedOrigins: () => Promise.reject(new Error('registry broken')),
      openExternal: vi.fn()
    })
    await expect(failingList('https://acme.bitrix24.com/')).resolves.toBeUndefined()
    expect(logged()).toEqual([
      'warn Could not open a link in the browser: https://acme.bitrix24.com',
      'warn Could not open a link in the browser: https://acme.bitrix24.com'
    ])
  })
})

describe('createSignInPageOpener', () => {
  it('opens the approve page of a portal being connected, over https or on this machine', async () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const open = createSignInPageOpener(openExternal)
    await open('https://new.bitrix24.com/oauth/authorize/?client_id=local.1&state=abc')
    await open('http://127.0.0.1:3917/oauth/authorize/?client_id=local.1&state=abc')
    expect(openExternal).toHaveBeenCalledTimes(2)
  })

  it('refuses any other page, and the sign-in learns why', async () => {
    const openExternal = vi.fn().mockResolvedValue(undefined)
    const open = createSignInPageOpener(openExternal)
    for (const url of [
      'https://new.bitrix24.com/',
      'https://new.bitrix24.com/oauth/authorize/../../evil',
      'http://new.bitrix24.com/oauth/authorize/',
      'https://user:pass@new.bitrix24.com/oauth/authorize/',
      'file:///oauth/authorize/',
      'not a url'
    ]) {
      await expect(open(url), url).rejects.toThrow('Only the sign-in page of a portal is opened in the browser')
    }
    expect(openExternal).not.toHaveBeenCalled()
  })
})
