/**
 * Fault injection for tests: fail the next N calls, or a fraction of calls, with a chosen
 * failure, for one method or for all. Randomness is seeded so a failing run can be replayed.
 */
export const FAULT_KINDS = [
  '503',
  '429',
  '500',
  'expired_token',
  'drop',
  'drop_after',
  'slow',
  /** 302 to `location`, before the call runs. */
  'redirect',
  /** HTTP 200 with an HTML page (a captive portal, a wrong site), before the call runs. */
  'html',
  /** HTTP 200 with an empty body, before the call runs. */
  'empty',
  /** The call runs; its answer is cut off half-way. */
  'truncated',
  /** The call runs; the answer's `result` is null. */
  'result_null',
  /** The call runs; its result (each command's, in a batch) is an object instead of a list. */
  'result_not_list',
  /** The call runs; the leads it lists carry values of the wrong type (see fault-answers.ts). */
  'lead_values',
  /** The call runs; the first lead of each list it answers has the ID "abc". */
  'bad_id'
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/**
 * Faults that bend a result. A rule of these kinds that names a method (not '*') bends that
 * method's results inside a batch too, command by command.
 */
export const RESULT_FAULT_KINDS = [
  'result_null',
  'result_not_list',
  'lead_values',
  'bad_id'
] as const satisfies readonly FaultKind[]

export interface FaultRule {
  kind: FaultKind
  /**
   * Lower-case method name, or '*' for every method (batch counts as 'batch'; the commands inside
   * a batch count only for result faults, see RESULT_FAULT_KINDS).
   */
  method: string
  /** Fail this many matching calls, then stop. */
  count?: number
  /** Or fail this fraction (0..1) of matching calls. */
  rate?: number
  /**
   * For 'slow': how long to stall before answering normally (ms). 'drop' drops the connection
   * before the call runs; 'drop_after' runs it and then drops the connection: the answer is lost.
   */
  delayMs?: number
  /** For 'redirect': the Location header, as given. */
  location?: string
}

export class Faults {
  private rules: Array<FaultRule & { remaining?: number }> = []
  private state: number

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1
  }

  /** xorshift32: small, seeded, good enough to pick which calls fail. */
  private random(): number {
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state / 0x1_0000_0000
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, method: rule.method.toLowerCase(), remaining: rule.count })
  }

  clear(): void {
    this.rules = []
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({
      ...rule,
      ...(remaining !== undefined ? { count: remaining } : {})
    }))
  }

  /** The fault to apply to this call, if any; consumes a 'next N' rule. */
  pick(method: string): FaultRule | undefined {
    return this.pickWhere((rule) => rule.method === '*' || rule.method === method)
  }

  /** A result fault for a command inside a batch: only rules that name its method. */
  pickForCommand(method: string): FaultRule | undefined {
    const kinds: readonly FaultKind[] = RESULT_FAULT_KINDS
    return this.pickWhere((rule) => rule.method === method && kinds.includes(rule.kind))
  }

  private pickWhere(matches: (rule: FaultRule) => boolean): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!matches(rule)) continue
      if (rule.remaining !== undefined) {
        if (rule.remaining <= 0) continue
        rule.remaining--
        return rule
      }
      if (rule.rate !== undefined && this.random() < rule.rate) return rule
    }
    return undefined
  }
}
