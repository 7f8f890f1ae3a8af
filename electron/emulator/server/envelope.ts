import type { Clock } from '../clock'

/** The `time` block of every answer (docs/bitrix24-protocol.md §2.1). */
export interface TimeBlock {
  start: number
  finish: number
  duration: number
  processing: number
  date_start: string
  date_finish: string
  operating_reset_at?: number
  operating?: number
}

export function timeBlock(
  clock: Clock,
  startMs: number,
  finishMs: number,
  processing: number,
  operating?: { operating: number; resetAt: number }
): TimeBlock {
  const block: TimeBlock = {
    start: startMs / 1000,
    finish: finishMs / 1000,
    duration: (finishMs - startMs) / 1000,
    processing,
    date_start: clock.iso(startMs),
    date_finish: clock.iso(finishMs)
  }
  if (operating) {
    block.operating_reset_at = operating.resetAt
    block.operating = Math.round(operating.operating * 1e6) / 1e6
  }
  return block
}

const isEmptyPlainObject = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype &&
  Object.keys(value).length === 0

/** JSON as PHP writes it: an empty map is an empty PHP array, so it is `[]`, never `{}`. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => (isEmptyPlainObject(child) ? [] : child))
}
