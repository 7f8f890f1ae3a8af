/**
 * The per-method operating-time limit (docs/bitrix24-protocol.md §4.2): the server time spent in each
 * method, per credential, is summed over ten one-minute buckets that expire ten minutes after
 * their first call. A call is refused with 429 when the sum already exceeds the limit.
 */
interface Bucket {
  startedAt: number
  seconds: number
}

const BUCKET_MS = 60_000
const WINDOW_MS = 600_000

export class OperatingBudget {
  private readonly buckets = new Map<string, Bucket[]>()

  constructor(public limitSeconds: number | null) {}

  private live(key: string, now: number): Bucket[] {
    const buckets = (this.buckets.get(key) ?? []).filter((bucket) => now - bucket.startedAt < WINDOW_MS)
    this.buckets.set(key, buckets)
    return buckets
  }

  /** Seconds used in the window, and when the oldest bucket drops (Unix seconds). */
  usage(credential: string, method: string, now: number): { operating: number; resetAt: number } {
    const buckets = this.live(`${credential}|${method}`, now)
    const operating = buckets.reduce((sum, bucket) => sum + bucket.seconds, 0)
    const oldest = buckets[0]?.startedAt ?? now
    return { operating, resetAt: Math.floor((oldest + WINDOW_MS) / 1000) }
  }

  isBlocked(credential: string, method: string, now: number): boolean {
    return this.limitSeconds !== null && this.usage(credential, method, now).operating > this.limitSeconds
  }

  charge(credential: string, method: string, seconds: number, now: number): void {
    const buckets = this.live(`${credential}|${method}`, now)
    const last = buckets[buckets.length - 1]
    if (last && now - last.startedAt < BUCKET_MS) last.seconds += seconds
    else buckets.push({ startedAt: now, seconds })
  }

  reset(): void {
    this.buckets.clear()
  }
}
