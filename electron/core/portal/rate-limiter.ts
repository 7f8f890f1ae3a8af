export type PortalPlan = 'standard' | 'enterprise'

const SAFETY_SLOTS = 2

/** The portal's leaky bucket (docs/bitrix24-protocol.md §4.1): burst and drain per plan. */
export const PLAN_LIMITS: Record<PortalPlan, { capacity: number; drainPerSecond: number }> = {
  standard: { capacity: 50, drainPerSecond: 2 },
  enterprise: { capacity: 250, drainPerSecond: 5 }
}

/**
 * The same leaky bucket on our side, shared by every request to one portal: a request waits until
 * it fits, so the portal never has to refuse one with 503. Slots are reserved at once, so
 * concurrent requests queue up instead of all seeing the same free slot.
 */
export class RateLimiter {
  private level = 0
  private updatedAt: number

  constructor(
    private readonly capacity: number,
    private readonly drainPerSecond: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.updatedAt = now()
  }

  static forPlan(plan: PortalPlan, now?: () => number): RateLimiter {
    const { capacity, drainPerSecond } = PLAN_LIMITS[plan]
    return new RateLimiter(capacity, drainPerSecond, now)
  }

  private drain(): void {
    const now = this.now()
    this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.drainPerSecond)
    this.updatedAt = now
  }

  /** How long the next request would have to wait, in ms (0 = now). Reserves its slot. */
  reserve(): number {
    this.drain()
    this.level += 1
    // Two slots of headroom: requests sent in order may still arrive a little out of step.
    const excess = this.level - (this.capacity - SAFETY_SLOTS)
    return excess > 0 ? (excess / this.drainPerSecond) * 1000 : 0
  }

  /** After the portal refused a request with 503: the bucket is fuller than we thought. */
  markFull(): void {
    this.drain()
    this.level = Math.max(this.level, this.capacity)
  }
}
