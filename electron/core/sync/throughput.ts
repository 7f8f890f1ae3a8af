/**
 * How far back the rate looks: long enough to take in the pauses the portal's limits impose and
 * to smooth pages that come in bursts, short enough to follow a slowdown.
 */
export const THROUGHPUT_WINDOW_MS = 60_000

interface Sample {
  at: number
  rows: number
}

/**
 * The rate a download really achieves: rows gained over the last seconds, divided by the time
 * that passed — waits for the portal's limits, retries and stalls included, so a stall lowers the
 * rate (and lengthens the time left) while it lasts, instead of leaving the last rate standing.
 */
export class ThroughputWindow {
  private samples: Sample[] = []

  constructor(
    private readonly now: () => number,
    private readonly windowMs = THROUGHPUT_WINDOW_MS
  ) {}

  /** Starts over (a new phase): `rows` is where the count stood when it began, `at` (default now). */
  restart(rows = 0, at = this.now()): void {
    this.samples = [{ at, rows }]
  }

  /** The count of rows done so far (it only grows within a phase). */
  record(rows: number): void {
    if (this.samples.length === 0) this.restart(rows)
    const at = this.now()
    this.samples.push({ at, rows })
    this.forget(at)
  }

  /** Rows per second over the window up to now; undefined while no rows came in it. */
  rowsPerSecond(): number | undefined {
    const now = this.now()
    this.forget(now)
    const start = this.windowStart(now)
    const latest = this.samples.at(-1)
    if (!start || !latest || latest.rows <= start.rows || now <= start.at) return undefined
    return ((latest.rows - start.rows) * 1000) / (now - start.at)
  }

  /** Time left for `remaining` rows at the rate achieved; undefined without a rate. */
  etaMs(remaining: number): number | undefined {
    const rate = this.rowsPerSecond()
    if (rate === undefined) return undefined
    return (Math.max(0, remaining) / rate) * 1000
  }

  /** Keeps the samples of the window and the last one before it (to place its start). */
  private forget(now: number): void {
    const cutoff = now - this.windowMs
    let first = 0
    while (first + 1 < this.samples.length && this.samples[first + 1]!.at <= cutoff) first++
    if (first > 0) this.samples = this.samples.slice(first)
  }

  /** Where the count stood when the window began (between the samples around it), or the first sample if later. */
  private windowStart(now: number): Sample | undefined {
    const cutoff = now - this.windowMs
    const [before, after] = this.samples
    if (!before || before.at >= cutoff) return before
    if (!after) return { at: cutoff, rows: before.rows }
    const share = (cutoff - before.at) / (after.at - before.at)
    return { at: cutoff, rows: before.rows + share * (after.rows - before.rows) }
  }
}
