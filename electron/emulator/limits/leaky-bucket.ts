/**
 * The portal's request-rate limit (docs/bitrix24-protocol.md §4.1): each HTTP request adds 1 to a counter
 * that drains `drainPerSecond`; a request that would take it past `capacity` is refused with 503.
 */
export class LeakyBucket {
  private level = 0
  private updatedAt = 0

  constructor(
    readonly capacity: number,
    readonly drainPerSecond: number
  ) {}

  private drain(now: number): void {
    if (this.updatedAt) this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.drainPerSecond)
    this.updatedAt = now
  }

  /** Counts a request; false when the bucket is full (the request must be refused). */
  tryTake(now: number): boolean {
    this.drain(now)
    if (this.level + 1 > this.capacity) return false
    this.level += 1
    return true
  }

  currentLevel(now: number): number {
    this.drain(now)
    return this.level
  }
}

export type LimitsMode = 'off' | 'standard' | 'enterprise'

export function bucketFor(mode: LimitsMode): LeakyBucket | null {
  if (mode === 'standard') return new LeakyBucket(50, 2)
  if (mode === 'enterprise') return new LeakyBucket(250, 5)
  return null
}
