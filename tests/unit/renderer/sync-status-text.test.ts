import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../electron/contract'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { localeFormat } from '../../../renderer/src/format/locale-format'
import { describeLink, type Translate } from '../../../renderer/src/features/sync/link-text'
import { describeProgress } from '../../../renderer/src/features/sync/progress-text'

const NOW = 1_800_000_000_000

function words(locale: Locale) {
  const t = createAppI18n(locale).global.t as Translate
  const format = localeFormat(locale)
  return {
    link: (link: SyncStatus['link']) => describeLink(t, (value) => format.number(value, 0), link, NOW),
    progress: (status: Partial<SyncStatus>) =>
      describeProgress(t, (value, digits) => format.number(value, digits), {
        portalId: 'p1',
        state: 'syncing',
        rows: 0,
        requests: 0,
        pending: 0,
        conflicts: 0,
        needsAttention: 0,
        waitingBehind: 0,
        link: { state: 'online' },
        ...status
      })
  }
}

describe('the portal connection in words', () => {
  const en = words('en')
  const ru = words('ru')

  it('counts down to the next try of an unreachable portal, in whole seconds', () => {
    expect(en.link({ state: 'offline', code: 'NETWORK', retryAt: NOW + 4_200 })).toEqual({
      text: 'Portal unreachable, trying again in 5 seconds',
      tone: 'error'
    })
    expect(en.link({ state: 'offline', code: 'NETWORK', retryAt: NOW + 900 })?.text).toBe(
      'Portal unreachable, trying again in 1 second'
    )
    expect(en.link({ state: 'offline', code: 'NETWORK', retryAt: NOW - 10 })?.text).toBe(
      'Portal unreachable, trying again…'
    )
    expect(en.link({ state: 'offline', code: 'TIMEOUT' })?.text).toBe('Portal unreachable')
  })

  it('uses the three Russian plural forms', () => {
    const retry = (seconds: number) =>
      ru.link({ state: 'offline', code: 'NETWORK', retryAt: NOW + seconds * 1000 })?.text
    expect(retry(1)).toBe('Портал недоступен, новая попытка через 1 секунду')
    expect(retry(3)).toBe('Портал недоступен, новая попытка через 3 секунды')
    expect(retry(5)).toBe('Портал недоступен, новая попытка через 5 секунд')
    expect(retry(21)).toBe('Портал недоступен, новая попытка через 21 секунду')
  })

  it("names which of the portal's limits the work waits for, and how long", () => {
    expect(en.link({ state: 'limited', code: 'QUERY_LIMIT_EXCEEDED', until: NOW + 2_000 })).toEqual({
      text: 'Waiting for the portal’s request limit: 2 seconds more',
      tone: 'waiting'
    })
    expect(en.link({ state: 'limited', code: 'OPERATION_TIME_LIMIT', until: NOW + 125_000 })?.text).toBe(
      'Waiting for the portal’s operating-time limit: 125 seconds more'
    )
    expect(ru.link({ state: 'limited', code: 'OPERATION_TIME_LIMIT', until: NOW + 2_000 })?.text).toBe(
      'Ждём лимита времени работы методов портала: ещё 2 секунды'
    )
    // The wait is over: nothing holds the work up.
    expect(en.link({ state: 'limited', code: 'QUERY_LIMIT_EXCEEDED', until: NOW - 1 })?.tone).toBe('ok')
  })

  it('says the portal refuses the sign-in, and says nothing before any call', () => {
    expect(en.link({ state: 'refused', code: 'invalid_token' })).toEqual({
      text: 'The portal refuses the sign-in. Sign in again on the Portals screen.',
      tone: 'error'
    })
    expect(en.link({ state: 'unknown' })).toBeUndefined()
    expect(ru.link({ state: 'online' })).toEqual({ text: 'В сети', tone: 'ok' })
  })
})

describe('the progress of a sync in words', () => {
  const en = words('en')
  const ru = words('ru')

  it('never shows "0 of 0" or a rate of 0 before anything is under way', () => {
    expect(en.progress({ phase: 'push', pending: 0 })).toEqual({ phase: 'Checking the portal…' })
    expect(en.progress({ phase: 'grid', rows: 0, rowsPerSecond: undefined })).toEqual({ phase: 'Downloading leads' })
    expect(en.progress({ phase: 'grid', rows: 0, totalRows: 0, rowsPerSecond: 0, etaMs: 0 })).toEqual({
      phase: 'Downloading leads'
    })
  })

  it('counts the changes being sent, with plural forms', () => {
    expect(en.progress({ phase: 'push', pending: 1 }).phase).toBe('Sending 1 change')
    expect(ru.progress({ phase: 'push', pending: 3 }).phase).toBe('Отправляются 3 изменения')
    expect(ru.progress({ phase: 'push', pending: 1 }).phase).toBe('Отправляется 1 изменение')
  })

  it('shows rows of the total, the rate achieved and the time left, numbers in the UI language', () => {
    expect(
      en.progress({ phase: 'grid', rows: 12_500, totalRows: 100_000, rowsPerSecond: 2_480.4, etaMs: 31_200 })
    ).toEqual({
      phase: 'Downloading leads',
      count: '12,500 of 100,000',
      rate: '2,480 leads/s',
      eta: 'about 32 seconds left'
    })
    const inRussian = ru.progress({
      phase: 'grid',
      rows: 12_500,
      totalRows: 100_000,
      rowsPerSecond: 2_480,
      etaMs: 150_000
    })
    expect(inRussian.count).toBe('12\u00a0500 из 100\u00a0000')
    expect(inRussian.eta).toBe('осталось примерно 3 минуты')
  })

  it('counts rows without a total while the portal has not said how many it has', () => {
    expect(en.progress({ phase: 'grid', rows: 2_500 }).count).toBe('2,500 leads')
    expect(ru.progress({ phase: 'grid', rows: 1 }).count).toBe('1 лид')
  })
})
