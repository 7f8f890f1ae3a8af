import type { PortalLinkStatus } from '@contract'

/** vue-i18n's `t` with named values and a plural count. */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

export interface LinkText {
  text: string
  /** How it reads at a glance: all is well, work is held up, or the user must act. */
  tone: 'ok' | 'waiting' | 'error'
}

/** Whole seconds from `now` to `at`, at least 1 while it is still ahead; 0 once it has passed. */
export function secondsUntil(at: number, now: number): number {
  return at > now ? Math.max(1, Math.ceil((at - now) / 1000)) : 0
}

const LIMIT_KEYS = {
  QUERY_LIMIT_EXCEEDED: 'syncStatus.limitRequests',
  OPERATION_TIME_LIMIT: 'syncStatus.limitOperating'
} as const

/**
 * The portal connection in the user's words (numbers shaped by `number`), counting down to the next try or the end of a
 * limit's wait as of `now`. Undefined while nothing is known yet (no call made).
 */
export function describeLink(
  t: Translate,
  number: (value: number) => string,
  link: PortalLinkStatus,
  now: number
): LinkText | undefined {
  switch (link.state) {
    case 'unknown':
      return undefined
    case 'online':
      return { text: t('status.online'), tone: 'ok' }
    case 'offline': {
      if (link.retryAt === undefined) return { text: t('syncStatus.offline'), tone: 'error' }
      const seconds = secondsUntil(link.retryAt, now)
      const text = seconds
        ? t('syncStatus.offlineRetryIn', { count: number(seconds) }, seconds)
        : t('syncStatus.offlineRetrying')
      return { text, tone: 'error' }
    }
    case 'limited': {
      const seconds = secondsUntil(link.until, now)
      // The wait is over and the next call is on its way: nothing holds the work up any more.
      if (!seconds) return { text: t('status.online'), tone: 'ok' }
      return { text: t(LIMIT_KEYS[link.code], { count: number(seconds) }, seconds), tone: 'waiting' }
    }
    case 'refused':
      return { text: t('syncStatus.refused'), tone: 'error' }
  }
}
