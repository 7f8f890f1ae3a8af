/**
 * Progress of a bulk read, for the UI and for benchmarks: rows and pages received, HTTP requests
 * made, time since the start and the rate. One meter may be shared by several chains (shards).
 */
export interface ReadProgress {
  rows: number
  pages: number
  requests: number
  elapsedMs: number
  rowsPerSecond: number
}

export class ProgressMeter {
  private rows = 0
  private pages = 0
  private requests = 0
  private readonly startedAt: number

  constructor(
    private readonly onProgress?: (progress: ReadProgress) => void,
    private readonly now: () => number = () => performance.now()
  ) {
    this.startedAt = now()
  }

  /** Counts what one step brought and tells the listener. */
  add(step: { rows?: number; pages?: number; requests?: number }): void {
    this.rows += step.rows ?? 0
    this.pages += step.pages ?? 0
    this.requests += step.requests ?? 0
    this.onProgress?.(this.snapshot())
  }

  snapshot(): ReadProgress {
    const elapsedMs = this.now() - this.startedAt
    return {
      rows: this.rows,
      pages: this.pages,
      requests: this.requests,
      elapsedMs,
      rowsPerSecond: elapsedMs > 0 ? (this.rows * 1000) / elapsedMs : 0
    }
  }
}
