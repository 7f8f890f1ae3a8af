import type { z } from 'zod'
import { channels, type ApiHandlers, type ChannelName, type Envelope } from '../contract'
import { AppError, toApiError } from './errors'
import { log } from './log'

export type Dispatch = (channel: string, rawArg: unknown) => Promise<Envelope<unknown>>

function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name)
}

/**
 * The single entry point both transports (Electron IPC and the loopback bridge) use: looks the
 * channel up, validates the untrusted argument against the contract's schema, runs the handler
 * and always resolves to an envelope. Nothing thrown escapes as a crash or a bare string.
 */
export function createDispatcher(handlers: ApiHandlers): Dispatch {
  return async (channel, rawArg) => {
    try {
      if (!isChannelName(channel)) {
        throw new AppError('UNKNOWN_CHANNEL', `There is no channel named "${String(channel).slice(0, 80)}".`)
      }
      const parsed = channels[channel].input.safeParse(rawArg)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issueMessage(issue)
        }))
        throw new AppError('INVALID_ARGUMENT', `Invalid argument for ${channel}.`, { issues })
      }
      const handler = handlers[channel] as (args: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      return { ok: true, value }
    } catch (error) {
      if (!(error instanceof AppError)) log.error(`Channel ${channel} failed`, error)
      return { ok: false, error: toApiError(error) }
    }
  }
}

/** A bad key of a map says only "Invalid key in record"; what was wrong with it is one level down. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined
  return inner ?? issue.message
}
