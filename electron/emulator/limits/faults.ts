/**
 * Fault injection for tests: fail the next N calls, or a fraction of calls, with a chosen
 * failure, for one method or for all. Randomness is seeded so a failing run can be replayed.
 */
export type FaultKind = '503' | '429' | '500' | 'expired_token' | 'drop' | 'drop_after' | 'slow'

export interface FaultRule {
  kind: FaultKind
  /** Lower-case method name, or '*' for every method (batch counts as 'batch'). */
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
    for (const rule of this.rules) {
      if (rule.method !== '*' && rule.method !== method) continue
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
