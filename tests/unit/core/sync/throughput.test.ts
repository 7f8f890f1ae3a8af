import { describe, expect, it } from 'vitest'
import { ThroughputWindow } from '../../../../electron/core/sync/throughput'

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  const clock = { at: start, now: () => clock.at, advance: (ms: number) => void (clock.at += ms) }
  return clock
}

describe('ThroughputWindow', () => {
  it('has no rate (and no time left) before rows have come', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 60_000)
    window.restart()
    expect(window.rowsPerSecond()).toBeUndefined()
    clock.advance(5_000)
    window.record(0)
    expect(window.rowsPerSecond()).toBeUndefined()
    expect(window.etaMs(10_000)).toBeUndefined()
  })

  it('is the rows gained over the time passed, and gives the time left at that rate', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 60_000)
    window.restart()
    clock.advance(2_000)
    window.record(5_000)
    // 5,000 rows in 2 s.
    expect(window.rowsPerSecond()).toBe(2_500)
    // 95,000 rows left at 2,500/s.
    expect(window.etaMs(95_000)).toBe(38_000)
  })

  it('falls while nothing comes (a wait for the portal), so the time left grows instead of standing still', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 60_000)
    window.restart()
    clock.advance(2_000)
    window.record(5_000)
    const before = window.etaMs(95_000)!
    clock.advance(18_000) // 20 s since the start, still 5,000 rows
    expect(window.rowsPerSecond()).toBe(250)
    expect(window.etaMs(95_000)).toBe(380_000)
    expect(window.etaMs(95_000)!).toBeGreaterThan(before)
  })

  it('counts only the last window, so an old burst does not keep the rate up', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 10_000)
    window.restart()
    clock.advance(1_000)
    window.record(10_000) // a fast start: 10,000 rows in 1 s
    clock.advance(9_000)
    window.record(11_000)
    clock.advance(10_000)
    window.record(12_000)
    // The window is the last 10 s: from 11,000 to 12,000 rows.
    expect(window.rowsPerSecond()).toBe(100)
  })

  it('places the start of the window between the samples around it', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 10_000)
    window.restart()
    clock.advance(10_000)
    window.record(1_000)
    clock.advance(5_000) // the window now starts half-way between the two samples (at 500 rows)
    window.record(1_500)
    expect(window.rowsPerSecond()).toBe(100)
  })

  it('goes silent when a whole window passes without rows (a rate of 0 is never given)', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 10_000)
    window.restart()
    clock.advance(1_000)
    window.record(1_000)
    clock.advance(30_000)
    expect(window.rowsPerSecond()).toBeUndefined()
    expect(window.etaMs(1_000)).toBeUndefined()
  })

  it('starts a phase from where it stood, so rows done by an earlier run do not count as speed', () => {
    const clock = fakeClock()
    const window = new ThroughputWindow(clock.now, 60_000)
    window.restart(40_000, clock.now() - 1_000)
    window.record(41_000)
    expect(window.rowsPerSecond()).toBe(1_000)
  })
})
