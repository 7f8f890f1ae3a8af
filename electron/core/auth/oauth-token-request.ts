import { z } from 'zod'
import { portalError, PortalError, transportError } from '../portal/portal-error'
import type { FetchLike } from '../portal/transport'
import { isSecureOrLocal } from './portal-address'

/** The application registered on the portal ("local application": client id and secret). */
export interface OAuthClient {
  clientId: string
  clientSecret: string
}

export type TokenGrantRequest =
  { grantType: 'authorization_code'; code: string } | { grantType: 'refresh_token'; refreshToken: string }

/** A pair of tokens and what came with it (docs/bitrix24-protocol.md §5.1, step 4–5). */
export interface TokenGrant {
  accessToken: string
  /** Single use: every refresh returns a new one and the old one stops working. */
  refreshToken: string
  /** When the access token expires, in ms since the epoch (informational: we refresh on `expired_token`). */
  expiresAt: number
  /** The REST base for calls with this token, ending with '/': `https://acme.bitrix24.com/rest/`. */
  clientEndpoint: string
  /** The portal's stable id. */
  memberId: string
  scope: string[]
  /** The portal user the token acts for. */
  userId: number
}

export interface TokenRequestOptions {
  fetch?: FetchLike
  signal?: AbortSignal
  timeoutMs?: number
  /** The local clock, for `expiresAt` when the server sends only `expires_in`. */
  now?: () => number
}

/** Shown in errors instead of the URL, which carries the client secret and the code. */
const ENDPOINT_NAME = 'oauth/token'
const DEFAULT_TIMEOUT_MS = 30_000

const restEndpoint = z
  .string()
  .url()
  .refine((value) => isSecureOrLocal(new URL(value)), 'client_endpoint must be an https:// address')
  .transform((value) => (value.endsWith('/') ? value : `${value}/`))

const grantSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  client_endpoint: restEndpoint,
  member_id: z.string(),
  scope: z.string().default(''),
  user_id: z.coerce.number().int(),
  expires_in: z.coerce.number().optional(),
  /** Unix seconds; in refresh answers, and in the emulator's code answers too. */
  expires: z.coerce.number().optional()
})

function toGrant(body: z.infer<typeof grantSchema>, now: number): TokenGrant {
  const expiresAt = body.expires !== undefined ? body.expires * 1000 : now + (body.expires_in ?? 3600) * 1000
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt,
    clientEndpoint: body.client_endpoint,
    memberId: body.member_id,
    scope: body.scope.split(',').filter(Boolean),
    userId: body.user_id
  }
}

function tokenUrl(oauthServer: string, client: OAuthClient, grant: TokenGrantRequest): string {
  const query = new URLSearchParams({
    grant_type: grant.grantType,
    client_id: client.clientId,
    client_secret: client.clientSecret
  })
  if (grant.grantType === 'authorization_code') query.set('code', grant.code)
  else query.set('refresh_token', grant.refreshToken)
  return `${oauthServer}/oauth/token/?${query}`
}

const badResponse = (status: number, why: string) =>
  new PortalError('BAD_RESPONSE', `The OAuth server answered HTTP ${status} ${why}`, status, ENDPOINT_NAME, 'retryable')

/**
 * Asks the OAuth server for tokens: a GET, as Bitrix24 does it (not the usual form POST).
 * Failures are PortalErrors of `oauth/token`: `invalid_grant` and `invalid_client` are of kind
 * 'auth', network trouble is 'retryable'. No message contains the URL, the secret or a token.
 */
export async function requestTokens(
  oauthServer: string,
  client: OAuthClient,
  grant: TokenGrantRequest,
  options: TokenRequestOptions = {}
): Promise<TokenGrant> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  let response: Response
  let text: string
  try {
    response = await (options.fetch ?? fetch)(tokenUrl(oauthServer, client, grant), {
      method: 'GET',
      headers: { Accept: 'application/json' },
      // A redirect would carry the secret to another host.
      redirect: 'manual',
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
    })
    text = await response.text()
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason
    throw transportError(ENDPOINT_NAME, cause, false)
  }

  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw badResponse(response.status, 'with something that is not JSON.')
  }
  if (!body || typeof body !== 'object') throw badResponse(response.status, 'with something that is not an object.')
  const answer = body as Record<string, unknown>
  if (typeof answer.error === 'string') {
    const description = typeof answer.error_description === 'string' ? answer.error_description : ''
    throw portalError(answer.error, description, response.status, ENDPOINT_NAME)
  }
  const parsed = grantSchema.safeParse(answer)
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ')
    throw badResponse(response.status, `without a usable token answer (${fields}).`)
  }
  return toGrant(parsed.data, (options.now ?? Date.now)())
}
