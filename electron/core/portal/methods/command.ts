/**
 * A typed portal method as data: what to send and how to read the answer. The same command runs
 * on its own (one HTTP request) or inside a `batch` with others, and its result is read by the
 * same `parse` either way.
 */
import { runBatch, type BatchClient, type BatchCommand, type BatchOptions, type CommandOutcome } from '../batch'
import type { PortalClient, TimeInfo } from '../portal-client'
import { PortalError } from '../portal-error'

/** What every typed method accepts besides its own arguments. */
export interface RequestOptions {
  signal?: AbortSignal
}

/** One page of a list method: the portal pages by 50 and says where the next page starts. */
export interface Page<T> {
  items: T[]
  /** Count of all matches; 0 when the portal did not count (start -1, or a page past the end of user.get). */
  total: number
  /** Offset of the next page; absent on the last page. */
  next?: number
}

/** One call of a typed method, ready to send on its own or in a batch. */
export interface PortalCommand<T> extends BatchCommand {
  params: Record<string, unknown>
  /** A write is never sent again after a failure in transit: it may have been executed. */
  write: boolean
  /** The method's result as the caller gets it (PHP's `[]` for an empty map made `{}`, ...). */
  parse(raw: unknown): T
}

/** The result of a command that needs no normalising, typed as the method documents it. */
const asPrinted = <T>(raw: unknown): T => raw as T

/**
 * Request parameters: any object (typed queries are interfaces, which have no index signature).
 * Parameters left undefined are not sent.
 */
type Params = object

function command<T>(method: string, params: Params, write: boolean, parse: (raw: unknown) => T): PortalCommand<T> {
  return { method, params: params as Record<string, unknown>, write, parse }
}

/** A method that only reads: the client may send it again after a failure in transit. */
export function readCommand<T>(
  method: string,
  params: Params = {},
  parse: (raw: unknown) => T = asPrinted
): PortalCommand<T> {
  return command(method, params, false, parse)
}

/** A method that changes data: never resent blindly, since it may have been executed. */
export function writeCommand<T>(
  method: string,
  params: Params = {},
  parse: (raw: unknown) => T = asPrinted
): PortalCommand<T> {
  return command(method, params, true, parse)
}

/** What a command's own request answered: the parsed result, and the paging and timing beside it. */
export interface CommandReply<T> {
  value: T
  total?: number
  next?: number
  time?: TimeInfo
}

/** Sends one command on its own. */
export async function callCommand<T>(
  client: Pick<PortalClient, 'call'>,
  command: PortalCommand<T>,
  options: RequestOptions = {}
): Promise<CommandReply<T>> {
  const { result, total, next, time } = await client.call<unknown>(command.method, command.params, {
    signal: options.signal,
    write: command.write
  })
  return { value: command.parse(result), total, next, time }
}

/** Sends one command on its own and answers its parsed result. */
export async function runCommand<T>(
  client: Pick<PortalClient, 'call'>,
  command: PortalCommand<T>,
  options?: RequestOptions
): Promise<T> {
  return (await callCommand(client, command, options)).value
}

/** Reads one page of a list method. */
export async function runPageCommand<T>(
  client: Pick<PortalClient, 'call'>,
  command: PortalCommand<T[]>,
  options?: RequestOptions
): Promise<Page<T>> {
  const { value, total, next } = await callCommand(client, command, options)
  return { items: value, total: total ?? 0, next }
}

/** A command's outcome inside a batch, its result parsed as on its own. */
export type TypedOutcome<T> =
  { ok: true; value: T; total?: number; next?: number; time?: TimeInfo } | { ok: false; error: PortalError }

/**
 * Reads a batch outcome of this command. A result its parser refuses (a list method that printed
 * no list) or cannot read is that command's failure, not the whole batch's: the other commands'
 * outcomes stand.
 */
export function outcomeOf<T>(command: PortalCommand<T>, outcome: CommandOutcome): TypedOutcome<T> {
  if (!outcome.ok) return outcome
  const { result, ...rest } = outcome
  try {
    return { ...rest, value: command.parse(result) }
  } catch (error) {
    if (error instanceof PortalError) return { ok: false, error }
    const why = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      error: new PortalError('BAD_RESPONSE', `The answer could not be read: ${why}`, 200, command.method, 'permanent')
    }
  }
}

/** Commands by key, in the order they run (keys as for runBatch). */
export type PortalCommands = Record<string, PortalCommand<unknown>>

export type TypedOutcomes<C extends PortalCommands> = {
  [K in keyof C]: C[K] extends PortalCommand<infer T> ? TypedOutcome<T> : never
}

export interface TypedBatchResult<C extends PortalCommands> {
  outcomes: TypedOutcomes<C>
  time?: TimeInfo
  requests: number
}

/** Runs up to 50 commands in one `batch` request; each outcome is parsed by its own command. */
export async function runCommands<C extends PortalCommands>(
  client: BatchClient,
  commands: C,
  options: Omit<BatchOptions, 'rawResults'> = {}
): Promise<TypedBatchResult<C>> {
  const { outcomes, time, requests } = await runBatch(client, commands, options)
  const typed = Object.fromEntries(
    Object.entries(commands).map(([key, command]) => [key, outcomeOf(command, outcomes[key]!)])
  )
  // Keys and commands are those given, so each outcome has its command's type.
  return { outcomes: typed as TypedOutcomes<C>, time, requests }
}
