/**
 * How many list pages to chain into the next batch. A batch of 50 pages is what makes a bulk read
 * cheap (2,500 rows per HTTP request), but the portal kills a request after 60 s of execution
 * (docs/bitrix24-protocol.md §4.3): wide selects (all fields, user fields, multifields) or a loaded portal
 * make pages slow. So the next batch is sized from the time the last one took: shrunk when it
 * came near the cap, grown back when it was quick.
 */
export interface PagePolicy {
  /** Pages per batch: never fewer, never more (the portal's batch limit is 50). */
  min: number
  max: number
  /** A batch that took longer than this (seconds of portal processing) is too big. */
  slowSeconds: number
  /** A batch quicker than this may grow. Shrinking aims at this mark too. */
  fastSeconds: number
}

export const DEFAULT_PAGE_POLICY: PagePolicy = { min: 1, max: 50, slowSeconds: 20, fastSeconds: 10 }

/**
 * The next batch's page count, from the last batch's size (`current`), the pages it really ran
 * and the portal time it took. Shrinks to what would take `fastSeconds` (at least by one page);
 * grows by doubling, but not past what would take `slowSeconds`.
 */
export function nextPageCount(
  current: number,
  pagesRun: number,
  seconds: number | undefined,
  policy: PagePolicy
): number {
  const clamp = (pages: number) => Math.max(policy.min, Math.min(policy.max, pages))
  if (seconds === undefined || !(seconds > 0) || pagesRun <= 0) return clamp(current)
  const perPage = seconds / pagesRun
  if (seconds > policy.slowSeconds) return clamp(Math.min(current - 1, Math.floor(policy.fastSeconds / perPage)))
  if (seconds < policy.fastSeconds) {
    return clamp(Math.max(current, Math.min(current * 2, Math.floor(policy.slowSeconds / perPage))))
  }
  return clamp(current)
}
