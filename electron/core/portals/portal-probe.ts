import { AppError } from '../errors'
import { portalInfoApi } from '../portal/methods/portal-info'
import type { PortalClient } from '../portal/portal-client'
import type { PortalPlan } from '../portal/rate-limiter'

/**
 * The plan decides the request-rate limit (docs/bitrix24-protocol.md §4.1). `app.info` names it in
 * LICENSE (`ru_ent250`, `en_pro100`, ...): enterprise plans are `ent…`. Unknown means standard.
 */
async function learnPlan(client: PortalClient, signal?: AbortSignal): Promise<PortalPlan> {
  try {
    const { LICENSE } = await portalInfoApi(client).appInfo({ signal })
    return /(^|_)ent/i.test(LICENSE ?? '') ? 'enterprise' : 'standard'
  } catch {
    return 'standard'
  }
}

export interface PortalIdentity {
  scopes: string[]
  user: { id: number; name: string }
  plan: PortalPlan
}

/**
 * Checks new credentials with real calls: who we are (`profile`) and what we may do (`scope`).
 * Without the `crm` scope the app is useless, so that is an error the user can act on.
 */
export async function probePortal(client: PortalClient, signal?: AbortSignal): Promise<PortalIdentity> {
  const info = portalInfoApi(client)
  const profile = await info.profile({ signal })
  const scopes = await info.scope(false, { signal })
  if (!scopes.includes('crm')) {
    throw new AppError(
      'MISSING_SCOPE',
      `These credentials do not have the "crm" scope (they have: ${scopes.join(', ') || 'none'}). Give the webhook or application the CRM permission and try again.`,
      { scopes }
    )
  }
  const name = [profile.NAME, profile.LAST_NAME].filter(Boolean).join(' ') || `User ${profile.ID}`
  return { scopes, user: { id: Number(profile.ID), name }, plan: await learnPlan(client, signal) }
}
