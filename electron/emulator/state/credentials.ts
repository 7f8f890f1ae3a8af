import { createHash, randomBytes } from 'node:crypto'

/** An incoming webhook: `/rest/{userId}/{code}/`. */
export interface Webhook {
  userId: number
  code: string
  scopes: string[]
}

/** A registered OAuth application (a "local application" of the portal). */
export interface OAuthApp {
  clientId: string
  clientSecret: string
  redirectUri: string
  scopes: string[]
  /** Sent with event deliveries so the app can tell they are genuine. */
  applicationToken: string
}

export interface AccessToken {
  token: string
  clientId: string
  userId: number
  scopes: string[]
  expiresAt: number
}

export interface RefreshToken {
  token: string
  clientId: string
  userId: number
  scopes: string[]
  expiresAt: number
}

export interface AuthorizationCode {
  code: string
  clientId: string
  userId: number
  expiresAt: number
}

export const ACCESS_TOKEN_LIFETIME_MS = 3600_000
export const REFRESH_TOKEN_LIFETIME_MS = 180 * 24 * 3600_000
export const AUTHORIZATION_CODE_LIFETIME_MS = 30_000
export const ALL_SCOPES = ['crm', 'user', 'user_brief', 'user_basic', 'profile', 'placement', 'app']

/** Random credentials, or stable ones derived from a seed so a CLI run prints the same values. */
export function makeSecret(length: number, seed?: string): string {
  const bytes = seed === undefined ? randomBytes(32) : createHash('sha256').update(seed).digest()
  return bytes.toString('hex').slice(0, length)
}

/** Webhooks, applications and the tokens issued to them. */
export class Credentials {
  webhooks: Webhook[] = []
  apps: OAuthApp[] = []
  accessTokens = new Map<string, AccessToken>()
  refreshTokens = new Map<string, RefreshToken>()
  authorizationCodes = new Map<string, AuthorizationCode>()

  webhook(userId: number, code: string): Webhook | undefined {
    return this.webhooks.find((hook) => hook.userId === userId && hook.code === code)
  }

  app(clientId: string): OAuthApp | undefined {
    return this.apps.find((app) => app.clientId === clientId)
  }

  issueTokens(app: OAuthApp, userId: number, now: number): { access: AccessToken; refresh: RefreshToken } {
    const access: AccessToken = {
      token: makeSecret(32),
      clientId: app.clientId,
      userId,
      scopes: app.scopes,
      expiresAt: now + ACCESS_TOKEN_LIFETIME_MS
    }
    const refresh: RefreshToken = {
      token: makeSecret(32),
      clientId: app.clientId,
      userId,
      scopes: app.scopes,
      expiresAt: now + REFRESH_TOKEN_LIFETIME_MS
    }
    this.accessTokens.set(access.token, access)
    this.refreshTokens.set(refresh.token, refresh)
    return { access, refresh }
  }

  /** Makes every access token of the app (or all) expired: for tests of token refresh. */
  expireAccessTokens(now: number, clientId?: string): number {
    let count = 0
    for (const token of this.accessTokens.values()) {
      if (!clientId || token.clientId === clientId) {
        token.expiresAt = Math.min(token.expiresAt, now - 1)
        count++
      }
    }
    return count
  }
}
