import { RestError, restErrors } from '../errors'
import { Faults, type FaultRule } from '../limits/faults'
import { bucketFor, type LeakyBucket, type LimitsMode } from '../limits/leaky-bucket'
import { COST } from '../limits/cost-model'
import { OperatingBudget } from '../limits/operating-budget'
import {
  CostMeter,
  ListResult,
  type CallContext,
  type CallOutcome,
  type Caller,
  type MethodDefinition
} from '../methods/context'
import type { Params } from '../methods/params'
import { insufficientScopeError } from '../methods/scope-check'
import type { Credentials } from '../state/credentials'
import type { PortalState } from '../state/portal'
import { timeBlock } from './envelope'
import type { EventDelivery } from './event-delivery'
import { answerInstead, bentAnswer, bentResult, type RawAnswer } from './fault-answers'
import { Stats } from './stats'

export interface RestServerOptions {
  limits: LimitsMode
  /** Divides every modelled delay: 1 = real portal speed, Infinity = no waiting at all. */
  speed: number
  /** Per-method operating-time limit in seconds (null = off). The docs' example is 480. */
  operatingLimitSeconds: number | null
  /** The cloud stops a request after 60 seconds of execution (docs/bitrix24-protocol.md §4.3). */
  requestCapSeconds: number
  faultSeed?: number
}

/** What the HTTP layer sends back for a REST call: a JSON envelope, a raw answer (a fault), or nothing. */
export type RestAnswer =
  { status: number; body: unknown; delayMs: number } | RawAnswer | { drop: true; delayMs: number }

interface RestRequest {
  method: string
  params: Params
  /** `/rest/{userId}/{code}/...` */
  webhook?: { userId: number; code: string }
  /** Token from `auth`, `access_token` or a Bearer header. */
  token?: string
}

/**
 * The REST endpoint of the emulated portal: authentication, limits, fault injection, method
 * dispatch and the envelope. HTTP parsing lives in http-server.ts; methods in ../methods.
 */
export class RestServer {
  readonly faults: Faults
  readonly budget: OperatingBudget
  readonly stats = new Stats()
  // Both set by setLimits, which the constructor calls.
  bucket!: LeakyBucket | null
  private limitsMode!: LimitsMode

  constructor(
    readonly portal: PortalState,
    readonly credentials: Credentials,
    private readonly registry: Map<string, MethodDefinition>,
    private readonly events: EventDelivery,
    public options: RestServerOptions
  ) {
    this.faults = new Faults(options.faultSeed)
    this.budget = new OperatingBudget(options.operatingLimitSeconds)
    this.setLimits(options.limits)
  }

  setLimits(mode: LimitsMode): void {
    this.limitsMode = mode
    this.bucket = bucketFor(mode)
    this.portal.settings.plan = mode === 'enterprise' ? 'ent250' : 'pro100'
  }

  get limits(): LimitsMode {
    return this.limitsMode
  }

  private delayFor(seconds: number): number {
    return Number.isFinite(this.options.speed) && this.options.speed > 0 ? (seconds * 1000) / this.options.speed : 0
  }

  private authenticate(request: RestRequest, now: number): Caller {
    const { portal, credentials } = this
    if (request.webhook) {
      const hook = credentials.webhook(request.webhook.userId, request.webhook.code)
      const user = hook && portal.user(hook.userId)
      if (!hook || !user) throw restErrors.noAuth()
      if (!user.active) throw new RestError('INVALID_CREDENTIALS', 'Invalid request credentials', 403)
      return { user, scopes: hook.scopes, credential: `webhook:${hook.userId}:${hook.code}`, kind: 'webhook' }
    }
    if (!request.token) throw restErrors.noAuth()
    const token = credentials.accessTokens.get(request.token)
    if (!token) throw restErrors.invalidToken()
    if (token.expiresAt <= now) throw restErrors.expiredToken()
    const user = portal.user(token.userId)
    if (!user) throw restErrors.invalidToken()
    return { user, scopes: token.scopes, credential: `app:${token.clientId}`, kind: 'oauth', clientId: token.clientId }
  }

  /** Handles one HTTP request to /rest/. */
  handle(request: RestRequest): RestAnswer {
    const method = request.method.toLowerCase()
    this.stats.countRequest(method)
    const fault = this.faults.pick(method)
    if (fault) {
      const answer = this.applyFault(fault)
      if (answer) return answer
    }
    const answer = this.answer(request, method, fault?.kind === 'slow' ? (fault.delayMs ?? 2000) : 0)
    // The call ran (and changed what it changes); only its answer is lost on the way back.
    if (fault?.kind === 'drop_after') return { drop: true, delayMs: answer.delayMs + (fault.delayMs ?? 0) }
    return fault ? bentAnswer(fault.kind, method, answer) : answer
  }

  private answer(
    request: RestRequest,
    method: string,
    slowMs: number
  ): { status: number; body: unknown; delayMs: number } {
    const startMs = this.portal.clock.now()
    try {
      const caller = this.authenticate(request, startMs)
      if (this.bucket && !this.bucket.tryTake(startMs)) throw restErrors.queryLimit()
      const outcome = this.call(caller, method, request.params, false)
      if (!outcome.ok) throw outcome.error
      const processing = outcome.processing
      if (processing > this.options.requestCapSeconds) throw restErrors.requestTimeout()
      const finishMs = startMs + Math.round(processing * 1000)
      const body: Record<string, unknown> = { result: outcome.result }
      if (outcome.next !== undefined) body.next = outcome.next
      if (outcome.total !== undefined) body.total = outcome.total
      const operating =
        this.budget.limitSeconds === null ? undefined : this.budget.usage(caller.credential, method, finishMs)
      body.time = timeBlock(this.portal.clock, startMs, finishMs, processing, operating)
      return { status: 200, body, delayMs: this.delayFor(processing) + slowMs }
    } catch (error) {
      const restError = error instanceof RestError ? error : restErrors.internal()
      if (!(error instanceof RestError)) this.stats.internalErrors++
      this.stats.countError(restError.code || '(empty)')
      return { status: restError.status, body: restError.toBody(), delayMs: this.delayFor(COST.base) }
    }
  }

  private countFault(kind: string): void {
    this.stats.faultsInjected++
    this.stats.faultsByKind[kind] = (this.stats.faultsByKind[kind] ?? 0) + 1
  }

  private applyFault({ kind, delayMs, location }: FaultRule): RestAnswer | undefined {
    this.countFault(kind)
    switch (kind) {
      case '503':
        return { status: 503, body: restErrors.queryLimit().toBody(), delayMs: 0 }
      case '429':
        return { status: 429, body: restErrors.operationLimit().toBody(), delayMs: 0 }
      case '500':
        return { status: 500, body: restErrors.internal().toBody(), delayMs: 0 }
      case 'expired_token':
        return { status: 401, body: restErrors.expiredToken().toBody(), delayMs: 0 }
      case 'drop':
        return { drop: true, delayMs: delayMs ?? 0 }
      default:
        // 'slow' answers normally, later; 'drop_after' runs the call, then drops; the answer
        // faults either answer instead of the call or bend what it answers.
        return answerInstead(kind, location)
    }
  }

  /** A command inside a batch whose result a fault rule bends (rules that name its method). */
  private withCommandFault(method: string, outcome: Extract<CallOutcome, { ok: true }>): CallOutcome {
    const fault = this.faults.pickForCommand(method)
    if (!fault) return outcome
    this.countFault(fault.kind)
    return { ...outcome, result: bentResult(fault.kind, outcome.result) }
  }

  /**
   * Runs one method for a caller: lookup, scope, operating budget, handler, metering.
   * Also used by `batch` for its sub-calls.
   */
  call(caller: Caller, method: string, params: Params, inBatch: boolean): CallOutcome {
    const start = this.portal.clock.now()
    const definition = this.registry.get(method)
    try {
      if (!definition) throw restErrors.methodNotFound()
      if (inBatch && definition.notInBatch) throw restErrors.batchMethodNotAllowed()
      if (definition.scope && !caller.scopes.includes(definition.scope)) {
        throw insufficientScopeError(inBatch)
      }
      if (method !== 'batch' && this.budget.isBlocked(caller.credential, method, start))
        throw restErrors.operationLimit()
      const meter = new CostMeter()
      meter.add(COST.base)
      const context: CallContext = {
        portal: this.portal,
        caller,
        params,
        method,
        inBatch,
        meter,
        emit: (event, fields) => this.events.emit(event, fields, caller),
        call: (subMethod, subParams, subInBatch) => {
          // Past the execution cap the request is killed: later commands never run.
          if (meter.seconds > this.options.requestCapSeconds) throw restErrors.requestTimeout()
          this.stats.countSubCall(subMethod)
          const outcome = this.call(caller, subMethod.toLowerCase(), subParams, subInBatch)
          if (!outcome.ok) return outcome
          meter.add(outcome.processing)
          return this.withCommandFault(subMethod.toLowerCase(), outcome)
        }
      }
      const value = definition.handler(context)
      // The outer batch is not charged to any method; its sub-calls were charged to theirs.
      if (method !== 'batch') this.budget.charge(caller.credential, method, meter.seconds, start)
      this.stats.chargeOperating(method, meter.seconds)
      const finish = start + Math.round(meter.seconds * 1000)
      const operating =
        method === 'batch' || this.budget.limitSeconds === null
          ? undefined
          : this.budget.usage(caller.credential, method, finish)
      const timing = { processing: meter.seconds, start, finish, operating }
      if (value instanceof ListResult) {
        return { ok: true, result: value.items, total: value.total, next: value.next, ...timing }
      }
      return { ok: true, result: value, ...timing }
    } catch (error) {
      if (!(error instanceof RestError)) {
        this.stats.lastInternalError = error instanceof Error ? (error.stack ?? error.message) : String(error)
      }
      return { ok: false, error: error instanceof RestError ? error : restErrors.internal(), start, finish: start }
    }
  }
}
