import type { PortalState } from '../state/portal'
import type { PortalUser } from '../state/users'
import type { Params } from './params'

/** Who is calling: the user behind the webhook or token, and what it may do. */
export interface Caller {
  user: PortalUser
  scopes: string[]
  /** One key per webhook or application: limits and event bindings are kept per credential. */
  credential: string
  kind: 'webhook' | 'oauth'
  /** For OAuth callers: the application's client id. */
  clientId?: string
}

/** Server time a call is charged (seconds), from the cost model; drives `operating` and delays. */
export class CostMeter {
  seconds = 0
  add(seconds: number): void {
    this.seconds += seconds
  }
}

export interface CallContext {
  portal: PortalState
  caller: Caller
  params: Params
  /** Lower-case method name. */
  method: string
  inBatch: boolean
  meter: CostMeter
  /** Queues an outgoing event (ONCRMLEADADD, ...) for bound handlers. */
  emit(event: string, fields: Record<string, unknown>): void
  /** Runs another method as part of this request (used by `batch`). */
  call(method: string, params: Params, inBatch: boolean): CallOutcome
}

/** A list-style result: `total` and `next` are lifted to the top of the envelope. */
export class ListResult {
  constructor(
    readonly items: unknown[],
    readonly total: number | undefined,
    readonly next: number | undefined
  ) {}
}

export type CallOutcome =
  | {
      ok: true
      result: unknown
      total?: number
      next?: number
      processing: number
      start: number
      finish: number
      /** The method's operating-time usage after this call, when the limit is on. */
      operating?: { operating: number; resetAt: number }
    }
  | { ok: false; error: import('../errors').RestError; start: number; finish: number }

export type MethodHandler = (ctx: CallContext) => unknown

export interface MethodDefinition {
  /** The scope the method needs (`crm`, `user`, ...), or null for methods any caller may use. */
  scope: string | null
  handler: MethodHandler
  /** `batch` itself and file methods are not allowed inside a batch. */
  notInBatch?: boolean
}

export type MethodTable = Record<string, MethodDefinition>

/** Declares a group of methods; names are matched case-insensitively. */
export function methods(table: MethodTable): MethodTable {
  return Object.fromEntries(Object.entries(table).map(([name, definition]) => [name.toLowerCase(), definition]))
}
