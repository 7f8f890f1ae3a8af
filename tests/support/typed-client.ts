import { expect } from 'vitest'
import { WebhookAuth } from '../../electron/core/auth/webhook-auth'
import { portalApi, type PortalApi } from '../../electron/core/portal/methods'
import { PortalClient, type AuthProvider } from '../../electron/core/portal/portal-client'
import { PortalError } from '../../electron/core/portal/portal-error'
import { RateLimiter } from '../../electron/core/portal/rate-limiter'
import type { Emulator } from '../../electron/emulator/emulator'

/** A client whose own bucket never makes a test wait (the test emulator runs without limits). */
export function clientWith(auth: AuthProvider): PortalClient {
  return new PortalClient({ auth, limiter: new RateLimiter(1_000_000, 1_000_000), backoff: { baseMs: 1, capMs: 5 } })
}

/** The typed methods over real HTTP, through the incoming webhook of one of the emulator's users. */
export function typedApiFor(emulator: Emulator, userId = 1): PortalApi {
  const hook = emulator.credentials.webhooks.find((candidate) => candidate.userId === userId)
  if (!hook) throw new Error(`No webhook for user ${userId}`)
  return portalApi(clientWith(new WebhookAuth(emulator.url, hook.userId, hook.code)))
}

export interface ExpectedPortalError {
  method: string
  code: string
  description: string
  status: number
  kind: PortalError['kind']
}

/** Expects the call to fail with exactly this PortalError. */
export async function expectPortalError(call: Promise<unknown>, expected: ExpectedPortalError): Promise<void> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure
  )
  expect(error).toBeInstanceOf(PortalError)
  const { method, code, description, status, kind } = error as PortalError
  expect({ method, code, description, status, kind }).toEqual(expected)
}

/** A plain CRM failure: code "", HTTP 400, permanent. */
export const crmFailure = (method: string, description: string): ExpectedPortalError => ({
  method,
  code: '',
  description,
  status: 400,
  kind: 'permanent'
})
