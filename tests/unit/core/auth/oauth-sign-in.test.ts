import { describe, expect, it } from 'vitest'
import {
  callbackUrl,
  DEFAULT_CALLBACK_PATH,
  DEFAULT_CALLBACK_PORT
} from '../../../../electron/core/auth/callback-listener'
import { signIn, type SignInOptions } from '../../../../electron/core/auth/oauth-sign-in'
import { SignInError } from '../../../../electron/core/auth/sign-in-error'
import { AppError } from '../../../../electron/core/errors'
import type { FetchLike } from '../../../../electron/core/portal/transport'
import { freePort, occupyPort } from '../../../support/free-port'

const request = { portalAddress: 'acme.bitrix24.com', clientId: 'local.app.1', clientSecret: 'client-secret-xyz' }

/** The OAuth server: records each token request, answers with a grant (or the given error). */
function tokenServer(answer: { status: number; body: Record<string, unknown> } = grantAnswer()) {
  const requests: URL[] = []
  const fetch: FetchLike = async (input) => {
    requests.push(new URL(input))
    return new Response(JSON.stringify(answer.body), { status: answer.status })
  }
  return { fetch, requests }
}

function grantAnswer() {
  return {
    status: 200,
    body: {
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      expires: 1_800_000_000,
      expires_in: 3600,
      client_endpoint: 'https://acme.bitrix24.com/rest/',
      member_id: 'member-1',
      scope: 'crm,user',
      user_id: 5
    }
  }
}

interface BrowserVisit {
  authorizeUrl: URL
  page?: { status: number; html: string }
}

/**
 * Plays the browser and the portal: reads `state` from the authorize URL and "redirects" to the
 * callback with a code, the state (or `overrides`) and the portal's details.
 */
function browser(port: number, overrides: Record<string, string> = {}) {
  const visits: BrowserVisit[] = []
  const runs: Array<Promise<void>> = []
  const redirectBack = async (visit: BrowserVisit) => {
    const query = new URLSearchParams({
      code: 'code-1',
      state: visit.authorizeUrl.searchParams.get('state') ?? '',
      domain: 'acme.bitrix24.com',
      member_id: 'member-1',
      scope: 'crm,user',
      server_domain: 'oauth.bitrix.info',
      ...overrides
    })
    const response = await fetch(`${callbackUrl(port)}?${query}`)
    visit.page = { status: response.status, html: await response.text() }
  }
  const openBrowser = (url: string) => {
    const opened: BrowserVisit = { authorizeUrl: new URL(url) }
    visits.push(opened)
    runs.push(redirectBack(opened))
    return runs.at(-1)!
  }
  /** signIn does not wait for the browser to finish reading its page; tests do. */
  const finished = () => Promise.all(runs)
  return { openBrowser, visits, finished }
}

/** Whether the port can be bound again, i.e. the listener is really gone. */
async function portIsFree(port: number): Promise<boolean> {
  try {
    await (await occupyPort(port)).close()
    return true
  } catch {
    return false
  }
}

async function failureOf(promise: Promise<unknown>): Promise<SignInError> {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(SignInError)
  return error as SignInError
}

describe('signIn', () => {
  it('opens the approve page, takes the redirect, exchanges the code and closes the listener', async () => {
    const port = await freePort()
    const { openBrowser, visits, finished } = browser(port)
    const server = tokenServer()
    const result = await signIn(request, { openBrowser, port, fetch: server.fetch })
    await finished()

    expect(visits).toHaveLength(1)
    const { authorizeUrl } = visits[0]!
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe('https://acme.bitrix24.com/oauth/authorize/')
    expect([...authorizeUrl.searchParams.keys()]).toEqual(['client_id', 'state'])
    expect(authorizeUrl.searchParams.get('client_id')).toBe('local.app.1')
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(visits[0]!.page!.status).toBe(200)
    expect(visits[0]!.page!.html).toContain('You can close this window.')

    expect(server.requests).toHaveLength(1)
    expect(`${server.requests[0]!.origin}${server.requests[0]!.pathname}`).toBe(
      'https://oauth.bitrix.info/oauth/token/'
    )
    expect(Object.fromEntries(server.requests[0]!.searchParams)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'local.app.1',
      client_secret: 'client-secret-xyz',
      code: 'code-1'
    })
    expect(result).toEqual({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: 1_800_000_000_000,
      clientEndpoint: 'https://acme.bitrix24.com/rest/',
      memberId: 'member-1',
      scope: ['crm', 'user'],
      userId: 5,
      portal: { origin: 'https://acme.bitrix24.com', domain: 'acme.bitrix24.com', isLoopback: false },
      domain: 'acme.bitrix24.com',
      oauthServer: 'https://oauth.bitrix.info'
    })
    expect(await portIsFree(port)).toBe(true)
  })

  it('uses a new state for every sign-in', async () => {
    const port = await freePort()
    const { openBrowser, visits } = browser(port)
    const { fetch } = tokenServer()
    await signIn(request, { openBrowser, port, fetch })
    await signIn(request, { openBrowser, port, fetch })
    const states = visits.map((visit) => visit.authorizeUrl.searchParams.get('state'))
    expect(states[0]).not.toBe(states[1])
  })

  it('rejects a redirect with another state, shows an error page and does not exchange the code', async () => {
    const port = await freePort()
    const { openBrowser, visits, finished } = browser(port, { state: 'forged' })
    const server = tokenServer()
    const error = await failureOf(signIn(request, { openBrowser, port, fetch: server.fetch }))
    await finished()
    expect(error.reason).toBe('stateMismatch')
    expect(visits[0]!.page!.status).toBe(400)
    expect(visits[0]!.page!.html).toContain('This answer does not belong to the sign-in Lead Admin started.')
    expect(server.requests).toHaveLength(0)
    expect(await portIsFree(port)).toBe(true)
  })

  it('rejects a redirect without a code', async () => {
    const port = await freePort()
    const { openBrowser, visits, finished } = browser(port, { code: '' })
    const error = await failureOf(signIn(request, { openBrowser, port, fetch: tokenServer().fetch }))
    await finished()
    expect(error.reason).toBe('badCallback')
    expect(visits[0]!.page!.status).toBe(400)
  })

  it('answers other paths with 404 and keeps waiting for the callback', async () => {
    const port = await freePort()
    const statuses: number[] = []
    const redirect = browser(port)
    const openBrowser = async (url: string) => {
      statuses.push((await fetch(`http://127.0.0.1:${port}/favicon.ico`)).status)
      statuses.push((await fetch(`${callbackUrl(port)}?x=1`, { method: 'POST' })).status)
      await redirect.openBrowser(url)
    }
    const result = await signIn(request, { openBrowser, port, fetch: tokenServer().fetch })
    expect(statuses).toEqual([404, 405])
    expect(result.accessToken).toBe('access-1')
  })

  it('fails clearly when the callback port is taken, before opening the browser', async () => {
    const taken = await occupyPort()
    try {
      let opened = false
      const options: SignInOptions = { port: taken.port, openBrowser: async () => void (opened = true) }
      const error = await failureOf(signIn(request, options))
      expect(error.reason).toBe('portBusy')
      expect(error.message).toContain(`Port ${taken.port} on 127.0.0.1 is used by another program`)
      expect(opened).toBe(false)
    } finally {
      await taken.close()
    }
  })

  it('is cancelled by its AbortSignal, and the listener is closed', async () => {
    const port = await freePort()
    const controller = new AbortController()
    // The user never approves: the browser opens and nothing comes back.
    const pending = signIn(request, { port, signal: controller.signal, openBrowser: async () => {} })
    await expect.poll(() => portIsFree(port)).toBe(false)
    controller.abort()
    const error = await failureOf(pending)
    expect(error.reason).toBe('cancelled')
    expect(await portIsFree(port)).toBe(true)
  })

  it('gives up after the timeout', async () => {
    const port = await freePort()
    const error = await failureOf(signIn(request, { port, timeoutMs: 50, openBrowser: async () => {} }))
    expect(error.reason).toBe('timeout')
    expect(await portIsFree(port)).toBe(true)
  })

  it('fails when the browser cannot be opened', async () => {
    const port = await freePort()
    const openBrowser = async () => {
      throw new Error('no browser')
    }
    const error = await failureOf(signIn(request, { port, openBrowser }))
    expect(error.reason).toBe('browserFailed')
    expect(error.message).toBe('The browser could not be opened: no browser')
  })

  it('reports a code the OAuth server refuses, without the secret or the code', async () => {
    const port = await freePort()
    const refused = tokenServer({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Invalid client_id or client_secret' }
    })
    const error = await failureOf(
      signIn(request, { port, openBrowser: browser(port).openBrowser, fetch: refused.fetch })
    )
    expect(error.reason).toBe('exchangeFailed')
    expect(error.detail).toBe('invalid_client')
    expect(error.message).toBe(
      'The OAuth server did not accept the sign-in: invalid_client: Invalid client_id or client_secret'
    )
  })

  it('checks the address and the client before listening', async () => {
    let opened = false
    const openBrowser = async () => void (opened = true)
    await expect(
      signIn({ ...request, portalAddress: 'https://acme.bitrix24.com/rest/1/x/' }, { openBrowser })
    ).rejects.toMatchObject({
      code: 'INVALID_PORTAL_ADDRESS',
      details: { problem: 'hasPath' }
    })
    const empty = await signIn({ ...request, clientSecret: '  ' }, { openBrowser }).catch((error: unknown) => error)
    expect(empty).toBeInstanceOf(AppError)
    expect(empty).toMatchObject({ code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'clientSecret' }] } })
    expect(opened).toBe(false)
  })

  it('registers a fixed handler URL by default', () => {
    expect(DEFAULT_CALLBACK_PORT).toBe(53682)
    expect(DEFAULT_CALLBACK_PATH).toBe('/oauth/callback')
    expect(callbackUrl()).toBe('http://127.0.0.1:53682/oauth/callback')
  })
})
