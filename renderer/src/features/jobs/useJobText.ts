import type { JobInfo } from '@contract'
import { useI18n } from 'vue-i18n'
import { durationParts, KIND_KEYS, STATUS_LOOKS, summaryCounts } from './job-display'

/** A job log entry in words of the chosen language. */
export function useJobText() {
  const { t, locale } = useI18n()
  const number = (value: number) => value.toLocaleString(locale.value)

  const kind = (job: JobInfo) => (KIND_KEYS[job.kind] ? t(`jobs.kind.${KIND_KEYS[job.kind]}`) : job.kind)

  const status = (shown: string) => (STATUS_LOOKS[shown] ? t(`jobs.status.${STATUS_LOOKS[shown].key}`) : shown)

  const started = (job: JobInfo) => new Date(job.startedAt).toLocaleString(locale.value)

  function duration(job: JobInfo): string {
    if (job.finishedAt === undefined) return '—'
    const { minutes, seconds } = durationParts(job.finishedAt - job.startedAt)
    return minutes
      ? t('jobs.duration.minutes', { minutes: number(minutes), seconds: number(seconds) })
      : t('jobs.duration.seconds', { seconds: number(seconds) })
  }

  const summary = (job: JobInfo) =>
    summaryCounts(job.details)
      .map(({ detail, count }) => t(`jobs.summary.${detail}`, { count: number(count) }, count))
      .join(' · ')

  return { kind, status, started, duration, summary }
}
