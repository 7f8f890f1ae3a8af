/**
 * The portal's per-method operating-time limit (docs/bitrix24-protocol.md §4.2), watched from the
 * `time.operating` and `time.operating_reset_at` of every answer: a method close to its limit is
 * paused until the portal's window moves on, before the portal blocks it with 429.
 */
export interface OperatingState {
  operating: number
  /** Local time (ms, Date.now scale) when the oldest minute of the window drops. */
  resetAt: number
}

export class OperatingTracker {
  private readonly methods = new Map<string, OperatingState>()

  constructor(
    /** The portal's limit per method in seconds; the cloud's is 480 in the docs' example. */
    public limitSeconds = 480,
    /** Pause at this share of the limit, leaving room for calls already under way. */
    private readonly pauseAt = 0.85,
    private readonly now: () => number = () => Date.now(),
    /** How long a 429 blocks a method whose window we do not know. */
    private readonly unknownBlockMs = 60_000
  ) {}

  /** Records an answer's time block; `serverNow` (its `finish`, seconds) aligns the two clocks. */
  record(method: string, time: { operating?: number; operating_reset_at?: number; finish?: number } | undefined): void {
    if (!time || time.operating === undefined || time.operating_reset_at === undefined) return
    const skew = time.finish ? this.now() - time.finish * 1000 : 0
    this.methods.set(method.toLowerCase(), {
      operating: time.operating,
      resetAt: time.operating_reset_at * 1000 + skew
    })
  }

  /** After a 429: the method is blocked until its window resets (or a minute, if unknown). */
  markBlocked(method: string): void {
    const state = this.methods.get(method.toLowerCase())
    const resetAt = state && state.resetAt > this.now() ? state.resetAt : this.now() + this.unknownBlockMs
    this.methods.set(method.toLowerCase(), { operating: this.limitSeconds, resetAt })
  }

  /** Milliseconds the method should wait before its next call (0 = go). */
  waitFor(method: string): number {
    const state = this.methods.get(method.toLowerCase())
    if (!state) return 0
    if (state.resetAt <= this.now()) {
      this.methods.delete(method.toLowerCase())
      return 0
    }
    return state.operating >= this.limitSeconds * this.pauseAt ? state.resetAt - this.now() : 0
  }

  snapshot(): Record<string, OperatingState> {
    return Object.fromEntries(this.methods)
  }
}
