import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { FAULT_KINDS } from '../limits/faults'
import type { Emulator } from '../emulator'
import { readBody, sendJson } from './http-server'

const faultSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  method: z.string().default('*'),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  location: z.string().min(1).max(2000).optional()
})
const clockSchema = z.object({
  set: z.union([z.number(), z.string()]).optional(),
  advanceMs: z.number().optional(),
  freeze: z.boolean().optional(),
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional()
})
const limitsSchema = z.object({
  mode: z.enum(['off', 'standard', 'enterprise']).optional(),
  speed: z.number().positive().optional(),
  operatingLimitSeconds: z.number().positive().nullable().optional(),
  requestCapSeconds: z.number().positive().optional()
})
const seedSchema = z.object({ leads: z.number().int().min(0).max(2_000_000), seed: z.number().int().optional() })
const settingsSchema = z.object({
  notFoundText: z.enum(['Not found', 'Lead is not found']).optional(),
  checkRequiredUserFields: z.boolean().optional(),
  crmMode: z.union([z.literal(1), z.literal(2)]).optional()
})
const userSchema = z.object({
  id: z.number().int(),
  leadAccess: z.enum(['all', 'own', 'none']).optional(),
  canConfigure: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
  active: z.boolean().optional()
})
const appSchema = z.object({ redirectUri: z.string().url().optional(), scopes: z.array(z.string()).optional() })

/**
 * `/_emulator/...`: the test and benchmark controls that only the emulator has — stats, faults,
 * clock, limits, reset and seed, settings, users, event deliveries, OAuth app settings.
 */
export async function serveAdmin(emulator: Emulator, request: IncomingMessage, response: ServerResponse, url: URL) {
  const route = `${request.method} ${url.pathname.replace(/\/+$/, '')}`
  const body = request.method === 'POST' ? await readBody(request) : ''
  const json = (): unknown => (body ? JSON.parse(body) : {})
  const rest = emulator.rest
  const now = emulator.portal.clock.now()
  try {
    switch (route) {
      case 'GET /_emulator/stats':
        return sendJson(response, 200, {
          ...rest.stats,
          leads: emulator.portal.leads.size,
          bucketLevel: rest.bucket?.currentLevel(now) ?? null,
          limits: rest.limits,
          clock: { now, iso: emulator.portal.clock.iso(now) }
        })
      case 'POST /_emulator/stats/reset':
        rest.stats.reset()
        return sendJson(response, 200, { ok: true })
      case 'GET /_emulator/faults':
        return sendJson(response, 200, rest.faults.list())
      case 'POST /_emulator/faults': {
        const rule = faultSchema.parse(json())
        if (rule.kind === 'redirect' && !rule.location) throw new Error('A redirect fault needs a location')
        rest.faults.add(rule)
        return sendJson(response, 200, rest.faults.list())
      }
      case 'DELETE /_emulator/faults':
        rest.faults.clear()
        return sendJson(response, 200, [])
      case 'POST /_emulator/clock': {
        const change = clockSchema.parse(json())
        const clock = emulator.portal.clock
        if (change.utcOffsetMinutes !== undefined) clock.utcOffsetMinutes = change.utcOffsetMinutes
        if (change.set !== undefined) clock.set(typeof change.set === 'number' ? change.set : Date.parse(change.set))
        if (change.advanceMs !== undefined) clock.advance(change.advanceMs)
        if (change.freeze === true) clock.freeze()
        if (change.freeze === false) clock.unfreeze()
        return sendJson(response, 200, { now: clock.now(), iso: clock.iso() })
      }
      case 'POST /_emulator/limits': {
        const change = limitsSchema.parse(json())
        if (change.mode) rest.setLimits(change.mode)
        if (change.speed !== undefined) rest.options.speed = change.speed
        if (change.operatingLimitSeconds !== undefined) rest.budget.limitSeconds = change.operatingLimitSeconds
        if (change.requestCapSeconds !== undefined) rest.options.requestCapSeconds = change.requestCapSeconds
        rest.budget.reset()
        return sendJson(response, 200, {
          mode: rest.limits,
          speed: rest.options.speed,
          operatingLimitSeconds: rest.budget.limitSeconds,
          requestCapSeconds: rest.options.requestCapSeconds
        })
      }
      case 'POST /_emulator/reset':
        emulator.reset()
        return sendJson(response, 200, { ok: true })
      case 'POST /_emulator/seed': {
        const { leads, seed } = seedSchema.parse(json())
        emulator.reset()
        const seconds = emulator.seed(leads, seed)
        return sendJson(response, 200, { leads: emulator.portal.leads.size, seconds })
      }
      case 'POST /_emulator/settings':
        Object.assign(emulator.portal.settings, settingsSchema.parse(json()))
        return sendJson(response, 200, emulator.portal.settings)
      case 'POST /_emulator/users': {
        const { id, ...change } = userSchema.parse(json())
        const user = emulator.portal.user(id)
        if (!user) return sendJson(response, 404, { error: `No user ${id}` })
        Object.assign(user, change)
        return sendJson(response, 200, user)
      }
      case 'GET /_emulator/events':
        await emulator.events.idle()
        return sendJson(response, 200, emulator.events.deliveries)
      case 'POST /_emulator/oauth/app': {
        const change = appSchema.parse(json())
        const app = emulator.credentials.apps[0]!
        Object.assign(app, change)
        return sendJson(response, 200, { clientId: app.clientId, redirectUri: app.redirectUri, scopes: app.scopes })
      }
      case 'POST /_emulator/oauth/expire-tokens':
        return sendJson(response, 200, { expired: emulator.credentials.expireAccessTokens(now) })
      default:
        return sendJson(response, 404, { error: `No admin route ${route}` })
    }
  } catch (error) {
    return sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) })
  }
}
