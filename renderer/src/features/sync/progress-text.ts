import type { SyncStatus } from '@contract'
import type { Translate } from './link-text'

/** A run under way in the user's words: what it does, how far it got, how fast, and how long is left. */
export interface ProgressText {
  phase: string
  /** Absent until there is something to count (never "0 of 0"). */
  count?: string
  /** Absent until rows come at a measured rate (never a rate of 0). */
  rate?: string
  eta?: string
}

/** Beyond this many seconds the time left is told in minutes. */
const SECONDS_AT_MOST = 90

/** Words the progress of a running sync; numbers are shaped by `number` (the UI language's format). */
export function describeProgress(
  t: Translate,
  number: (value: number, fractionDigits?: number) => string,
  status: SyncStatus
): ProgressText {
  if (status.phase === undefined || status.phase === 'push') {
    const phase = status.pending
      ? t('syncStatus.sending', { count: number(status.pending, 0) }, status.pending)
      : t('syncStatus.preparing')
    return { phase }
  }
  const text: ProgressText = { phase: t(`leads.phase.${status.phase}`) }
  if (status.totalRows) {
    text.count = t('syncStatus.progress', { rows: number(status.rows, 0), total: number(status.totalRows, 0) })
  } else if (status.rows > 0) {
    text.count = t('syncStatus.rowsSoFar', { count: number(status.rows, 0) }, status.rows)
  }
  const rate = status.rowsPerSecond
  if (rate && rate > 0) text.rate = t('syncStatus.rate', { rate: number(rate, rate < 10 ? 1 : 0) })
  if (status.etaMs !== undefined && text.rate) text.eta = timeLeft(t, number, status.etaMs)
  return text
}

function timeLeft(t: Translate, number: (value: number, fractionDigits?: number) => string, ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds <= SECONDS_AT_MOST) return t('syncStatus.etaSeconds', { count: number(seconds, 0) }, seconds)
  const minutes = Math.round(seconds / 60)
  return t('syncStatus.etaMinutes', { count: number(minutes, 0) }, minutes)
}
