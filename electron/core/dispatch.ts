import type { z } from 'zod'
import { channels, type ApiError, type ApiHandlers, type ChannelName, type Envelope } from '../contract'
import { exceededArgumentLimit } from './argument-limits'
import { boundedEcho, issuePath, shortText } from './bounded-echo'
import { AppError, toApiError } from './errors'
import { log } from './log'

export type Dispatch = (channel: string, rawArg: unknown) => Promise<Envelope<unknown>>

/** Problems of one refused argument that are listed; the rest are only counted. */
export const MAX_REPORTED_ISSUES = 20
/** The longest error message a reply carries. */
export const MAX_ERROR_MESSAGE_CHARS = 2_000

interface ArgumentIssue {
  path: string
  message: string
  /** The stated limit the argument went beyond, when that was the problem. */
  limit?: number
}

function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name)
}

/**
 * The single entry point both transports (Electron IPC and the loopback bridge) use: looks the
 * channel up, measures the untrusted argument against the contract's size limits, validates it
 * against the channel's schema, runs the handler and always resolves to an envelope. Nothing
 * thrown escapes as a crash, a rejection or a bare string, and an error never echoes an
 * unbounded part of the argument back.
 */
export function createDispatcher(handlers: ApiHandlers): Dispatch {
  return async (channel, rawArg) => {
    try {
      return { ok: true, value: await runCall(handlers, channel, rawArg) }
    } catch (error) {
      return failure(channel, error)
    }
  }
}

async function runCall(handlers: ApiHandlers, channel: string, rawArg: unknown): Promise<unknown> {
  if (!isChannelName(channel)) {
    throw new AppError('UNKNOWN_CHANNEL', `There is no channel named "${shortText(String(channel), 80)}".`)
  }
  // Before the schema: its checks recurse, and a deep enough value would overflow the stack.
  const excess = exceededArgumentLimit(rawArg)
  if (excess) throw invalidArgument(channel, [excess])
  const parsed = channels[channel].input.safeParse(rawArg)
  if (!parsed.success) {
    throw invalidArgument(
      channel,
      parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issueMessage(issue) }))
    )
  }
  const handler = handlers[channel] as (args: unknown) => Promise<unknown>
  return handler(parsed.data)
}

function invalidArgument(channel: ChannelName, issues: ArgumentIssue[]): AppError {
  const listed = issues.slice(0, MAX_REPORTED_ISSUES)
  if (issues.length > listed.length) {
    listed.push({ path: '', message: `and ${issues.length - listed.length} more problems` })
  }
  return new AppError('INVALID_ARGUMENT', `Invalid argument for ${channel}.`, { issues: listed })
}

/** A bad key of a map says only "Invalid key in record"; what was wrong with it is one level down. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined
  return inner ?? issue.message
}

function failure(channel: string, error: unknown): Envelope<never> {
  try {
    if (!(error instanceof AppError)) log.error(`Channel ${shortText(String(channel), 80)} failed`, error)
    return { ok: false, error: bounded(toApiError(error)) }
  } catch {
    // Even logging or copying what was thrown failed: the caller still gets an answer.
    return { ok: false, error: toApiError(undefined) }
  }
}

/** The error as it crosses to the window: its message and details cut to a readable size. */
function bounded(error: ApiError): ApiError {
  const message = shortText(String(error.message), MAX_ERROR_MESSAGE_CHARS)
  return error.details === undefined
    ? { code: error.code, message }
    : { code: error.code, message, details: boundedEcho(error.details) }
}
