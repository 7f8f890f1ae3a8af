import { describe, expect, it } from 'vitest'
import { PromiseCache } from '../../../electron/core/promise-cache'

describe('PromiseCache', () => {
  it('makes a value once for calls made at once, and keeps it', async () => {
    const cache = new PromiseCache<string, object>()
    let made = 0
    const make = async () => {
      made++
      await new Promise((resolve) => setTimeout(resolve, 10))
      return {}
    }
    const [first, second] = await Promise.all([cache.get('a', make), cache.get('a', make)])
    expect(first).toBe(second)
    expect(await cache.get('a', make)).toBe(first)
    expect(made).toBe(1)
  })

  it('forgets a making that failed, so the next call tries again', async () => {
    const cache = new PromiseCache<string, string>()
    await expect(cache.get('a', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked')
    expect(cache.peek('a')).toBeUndefined()
    expect(await cache.get('a', async () => 'made')).toBe('made')
  })

  it('peeks without making, and forgets a key on delete', async () => {
    const cache = new PromiseCache<string, number>()
    expect(cache.peek('a')).toBeUndefined()
    await cache.get('a', async () => 1)
    expect(await cache.peek('a')).toBe(1)
    expect(cache.keys()).toEqual(['a'])
    cache.delete('a')
    expect(await cache.get('a', async () => 2)).toBe(2)
  })
})
