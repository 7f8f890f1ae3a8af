/**
 * The portal's clock: real time by default; tests can freeze it, move it, or change the
 * portal's UTC offset (which every datetime string in the API carries).
 */
export class Clock {
  private frozenAt: number | undefined
  private shiftMs = 0

  constructor(public utcOffsetMinutes = 180) {}

  /** Milliseconds since the epoch, as the portal sees it. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.shiftMs
  }

  freeze(at: number = this.now()): void {
    this.frozenAt = at
  }

  unfreeze(): void {
    if (this.frozenAt !== undefined) this.shiftMs = this.frozenAt - Date.now()
    this.frozenAt = undefined
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms
    else this.shiftMs += ms
  }

  set(at: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = at
    else this.shiftMs = at - Date.now()
  }

  /** `2024-05-23T18:18:25+03:00`: PHP's date('c') in the portal's time zone. */
  iso(ms: number = this.now()): string {
    return formatIso(ms, this.utcOffsetMinutes)
  }

  /** A date at the portal's local midnight, as the REST layer prints `date` fields. */
  isoDate(ms: number): string {
    const local = new Date(ms + this.utcOffsetMinutes * 60_000)
    local.setUTCHours(0, 0, 0, 0)
    return formatIso(local.getTime() - this.utcOffsetMinutes * 60_000, this.utcOffsetMinutes)
  }
}

const pad = (value: number) => String(value).padStart(2, '0')

export function formatIso(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/**
 * Parses what PHP's strtotime() would accept for our purposes: ISO dates and datetimes with or
 * without an offset (no offset = portal local time), `YYYY-MM-DD HH:MM:SS`, and `DD.MM.YYYY`.
 * Returns undefined for anything else.
 */
export function parsePortalDate(value: string, offsetMinutes: number): number | undefined {
  const text = value.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text
  )
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  let parts: number[]
  let zone: string | undefined
  if (iso) {
    parts = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0))
    zone = iso[7]
  } else if (ru) {
    parts = [Number(ru[3]), Number(ru[2]), Number(ru[1]), Number(ru[4] ?? 0), Number(ru[5] ?? 0), Number(ru[6] ?? 0)]
  } else {
    return undefined
  }
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  if (new Date(utc).getUTCDate() !== day) return undefined // 31 February
  let offset = offsetMinutes
  if (zone === 'Z') offset = 0
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  }
  return utc - offset * 60_000
}
