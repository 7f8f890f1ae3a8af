import type { PortalLimitCode, PortalLinkStatus } from '../../contract/sync'

/** A wait shorter than this is the usual pacing of requests, not worth telling the user about. */
export const NOTABLE_WAIT_MS = 1_000

type Listener = (status: PortalLinkStatus) => void

/**
 * What the latest call to one portal found: it answered, it could not be reached (and when the
 * next try goes), a call waits for one of its limits, or it refused the sign-in. The client
 * reports here as it goes, so whoever shows the state knows within one attempt, not after all
 * the retries of a call have run out.
 */
export class PortalLink {
  private current: PortalLinkStatus = { state: 'unknown' }
  private readonly listeners = new Set<Listener>()

  constructor(private readonly now: () => number = Date.now) {}

  status(): PortalLinkStatus {
    return { ...this.current }
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The portal answered (any answer but a refused sign-in: an error answer is still an answer). */
  reached(): void {
    this.set({ state: 'online' })
  }

  /** A call did not reach the portal; `retryInMs` when it is tried again. */
  unreachable(code: string, retryInMs?: number): void {
    this.set({ state: 'offline', code, ...(retryInMs === undefined ? {} : { retryAt: this.now() + retryInMs }) })
  }

  /** A call waits `ms` for one of the portal's limits. Short waits are ordinary pacing and not told. */
  limited(code: PortalLimitCode, ms: number): void {
    if (ms < NOTABLE_WAIT_MS) return
    const until = this.now() + ms
    // Two calls waiting at once: the state names the one that lets go last.
    if (this.current.state === 'limited' && this.current.until > until) return
    this.set({ state: 'limited', code, until })
  }

  /** The wait for a limit is over: the portal is taken to answer until a call says otherwise. */
  limitPassed(): void {
    if (this.current.state === 'limited' && this.current.until <= this.now()) this.set({ state: 'online' })
  }

  /** Waits `ms` (with `wait`) for one of the portal's limits, telling that it does while it lasts. */
  async waitOut(code: PortalLimitCode, ms: number, wait: (ms: number) => Promise<void>): Promise<void> {
    if (ms <= 0) return
    this.limited(code, ms)
    try {
      await wait(ms)
    } finally {
      this.limitPassed()
    }
  }

  /** The portal refused the credentials (or a new sign-in is needed). */
  refused(code: string): void {
    this.set({ state: 'refused', code })
  }

  private set(next: PortalLinkStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    for (const listener of this.listeners) listener(this.status())
  }
}
