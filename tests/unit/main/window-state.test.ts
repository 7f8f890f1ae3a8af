import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  readWindowState,
  restoreBounds,
  writeWindowState
} from '../../../electron/main/window-state'
import { makeTempDir } from '../../support/core'

const fullHd = { x: 0, y: 0, width: 1920, height: 1040 }
const secondScreen = { x: 1920, y: 0, width: 1280, height: 984 }

describe('restoreBounds', () => {
  it('uses the default size the first time', () => {
    expect(restoreBounds(undefined, [fullHd])).toEqual(DEFAULT_SIZE)
  })

  it('restores bounds that are on a display', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900 }
    expect(restoreBounds(saved, [fullHd])).toEqual(saved)
    const onSecond = { x: 2000, y: 10, width: 1000, height: 700 }
    expect(restoreBounds(onSecond, [fullHd, secondScreen])).toEqual(onSecond)
  })

  it('falls back to the default when the display the window was on is gone', () => {
    expect(restoreBounds({ x: 2000, y: 10, width: 1000, height: 700 }, [fullHd])).toEqual(DEFAULT_SIZE)
  })

  it('shrinks and moves a window that sticks out of its display', () => {
    expect(restoreBounds({ x: -10, y: 0, width: 2400, height: 1200 }, [secondScreen, fullHd])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040
    })
  })

  it('never goes below the minimum size', () => {
    const bounds = restoreBounds({ x: 0, y: 0, width: 500, height: 300 }, [fullHd])
    expect(bounds).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height })
  })
})

describe('window state file', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  beforeEach(async () => (temp = await makeTempDir()))
  afterEach(() => temp.cleanup())

  it('round-trips and tolerates a missing or damaged file', async () => {
    const path = join(temp.dir, 'window-state.json')
    expect(await readWindowState(path)).toBeNull()
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true }
    await writeWindowState(path, state)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(state)
    expect(await readWindowState(path)).toEqual(state)
    await writeFile(path, '{"bounds": "nonsense"}')
    expect(await readWindowState(path)).toBeNull()
  })
})
