import type { JobInfo } from '@contract'
import { useI18n } from 'vue-i18n'
import { useFormat } from '../../format/useFormat'
import { describeError } from '../../i18n/describe-error'
import { durationParts, KIND_KEYS, openProgress, STATUS_LOOKS, summaryCounts } from './job-display'

/** A job log entry in words of the chosen language. */
export function useJobText() {
  const { t } = useI18n()
  const format = useFormat()
  const number = (value: number) => format.value.number(value, 1)

  const kind = (job: JobInfo) => t(`jobs.kind.${KIND_KEYS[job.kind]}`)

  const status = (job: JobInfo) => t(`jobs.status.${STATUS_LOOKS[job.status].key}`)

  const started = (job: JobInfo) => format.value.dateTime(job.startedAt)

  function duration(job: JobInfo): string {
    if (job.finishedAt === undefined) return '—'
    const { minutes, seconds } = durationParts(job.finishedAt - job.startedAt)
    return minutes
      ? t('jobs.duration.minutes', { minutes: number(minutes), seconds: number(seconds) })
      : t('jobs.duration.seconds', { seconds: number(seconds) })
  }

  /** How far an unfinished job came: "40 of 100 · 2 failed". */
  function progress(job: JobInfo): string[] {
    const shown = openProgress(job)
    if (!shown) return []
    const done =
      shown.total === undefined
        ? t('jobs.progress.done', { done: number(shown.done) })
        : t('jobs.progress.ofTotal', { done: number(shown.done), total: number(shown.total) })
    return shown.failed ? [done, t('jobs.progress.failed', { count: number(shown.failed) }, shown.failed)] : [done]
  }

  const summary = (job: JobInfo) =>
    [
      ...(job.error ? [describeError(t, job.error)] : []),
      ...progress(job),
      ...summaryCounts(job.details).map(({ detail, count }) =>
        t(`jobs.summary.${detail}`, { count: number(count) }, count)
      )
    ].join(' · ')

  return { kind, status, started, duration, summary }
}
