import { describe, expect, it } from 'vitest'
import { asList, asMap } from '../../../../electron/core/portal/methods/normalise'

describe('asMap (a PHP array read as a map)', () => {
  it('reads [] (an empty PHP array) as {}', () => {
    expect(asMap([])).toEqual({})
  })

  it('reads a list (a map whose keys were 0..n-1) by position', () => {
    expect(asMap(['a', 'b'])).toEqual({ 0: 'a', 1: 'b' })
  })

  it('keeps a map, and reads null or a scalar as {}', () => {
    const map = { DISPLAY: 'LIST' }
    expect(asMap(map)).toBe(map)
    expect(asMap(null)).toEqual({})
    expect(asMap('')).toEqual({})
  })
})

describe('asList (a PHP array read as a list)', () => {
  it('keeps a list, and reads a list with gaps in its keys (printed as an object) as its values', () => {
    const list = [1, 2]
    expect(asList(list)).toBe(list)
    expect(asList({ 0: 'a', 2: 'c' })).toEqual(['a', 'c'])
  })

  it('reads null as []', () => {
    expect(asList(null)).toEqual([])
  })
})
