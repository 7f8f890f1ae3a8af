import type { JobInfo, PortalSummary } from '../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setApi } from '../../../renderer/src/api/client'
import JobsView from '../../../renderer/src/features/jobs/JobsView.vue'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { usePortalsStore } from '../../../renderer/src/stores/portals'
import { acmePortal, idleStatus, makeFakeApi, type FakeApi } from './fake-api'

const portal = acmePortal()
const startedAt = Date.UTC(2026, 0, 15, 9, 30)
/** When a job started, as the UI language writes a date with its time. */
const startedIn = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(startedAt)
const job = (fields: Partial<JobInfo> & Pick<JobInfo, 'id' | 'kind' | 'status'>): JobInfo => ({
  startedAt,
  details: {},
  ...fields
})
const log: JobInfo[] = [
  job({
    id: 4,
    kind: 'push',
    status: 'done',
    finishedAt: startedAt + 1_240,
    details: { sent: 1000, conflicts: 2, parked: 0, requests: 21 }
  }),
  job({ id: 3, kind: 'sweep', status: 'done', finishedAt: startedAt + 30_000, details: { removed: 3 } }),
  job({ id: 2, kind: 'initial-details', status: 'interrupted', details: { afterId: 0 } }),
  job({
    id: 1,
    kind: 'initial-grid',
    status: 'done',
    finishedAt: startedAt + 65_000,
    details: { rows: 100_000, requests: 41, pages: 40, rowsPerSecond: 1538.4 }
  })
]

let api: FakeApi
beforeEach(() => {
  localStorage.clear()
  api = makeFakeApi()
  setApi(api)
})

async function mountView(options: { portals?: PortalSummary[]; locale?: Locale } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  usePortalsStore().portals = options.portals ?? [portal]
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any*', component: {} }] })
  const wrapper = mount(JobsView, {
    global: { plugins: [pinia, router, createAppI18n(options.locale ?? 'en')] },
    attachTo: document.body
  })
  await flushPromises()
  return wrapper
}

const rows = (wrapper: Awaited<ReturnType<typeof mountView>>) =>
  wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))

describe('JobsView', () => {
  it("lists the active portal's jobs in words: what, status, start, duration and result", async () => {
    vi.mocked(api.jobs.list).mockResolvedValue({ ok: true, value: log })
    const wrapper = await mountView()
    expect(api.jobs.list).toHaveBeenCalledWith({ portalId: 'p1' })
    expect(wrapper.get('h2').text()).toBe('Jobs')
    expect(wrapper.find('[role="region"][aria-label="Job log"] table').exists()).toBe(true)
    const started = startedIn('en')
    expect(rows(wrapper)).toEqual([
      ['Sending changes', 'Done', started, '1.2 s', '1,000 changes sent · 2 conflicts · 21 requests', ''],
      ['Deletion sweep', 'Done', started, '30 s', '3 leads removed', ''],
      // The app stopped in the middle of it (a sync pass: the next sync takes it up, no button).
      ['First download — all fields', 'Interrupted', started, '—', '', ''],
      ['First download — grid columns', 'Done', started, '1 min 5 s', '100,000 leads · 41 requests', '']
    ])
    wrapper.unmount()
  })

  it('shows the state the core gives, with the progress of unfinished jobs and why a job failed', async () => {
    const importJob = { kind: 'import' as const, details: {}, progress: { done: 40, failed: 2, total: 100 } }
    vi.mocked(api.jobs.list).mockResolvedValue({
      ok: true,
      value: [
        job({ id: 9, kind: 'push', status: 'running' }),
        job({ id: 8, ...importJob, status: 'paused' }),
        job({ id: 7, kind: 'export', status: 'queued', progress: { done: 0, failed: 0 } }),
        job({ id: 6, kind: 'bulk-edit', status: 'interrupted', progress: { done: 12, failed: 0 } }),
        job({
          id: 5,
          ...importJob,
          status: 'failed',
          finishedAt: startedAt + 3_000,
          error: { code: 'PORTAL_ERROR', message: 'Access denied' }
        })
      ]
    })
    const wrapper = await mountView()
    expect(rows(wrapper).map(([kind, status, , , summary]) => [kind, status, summary])).toEqual([
      // No sync runs now, but the core says it runs: so it does.
      ['Sending changes', 'Running', ''],
      ['Import', 'Paused', '40 of 100 · 2 leads failed'],
      ['Export', 'Waiting', '0 done'],
      ['Bulk edit', 'Interrupted', '12 done'],
      ['Import', 'Failed', 'The portal answered with an error: Access denied']
    ])
    wrapper.unmount()
  })

  it('reloads the log when a sync of the portal ends, not on its progress or on other portals', async () => {
    vi.mocked(api.sync.status).mockResolvedValue({ ok: true, value: { ...idleStatus('p1'), state: 'syncing' } })
    vi.mocked(api.jobs.list).mockResolvedValueOnce({ ok: true, value: [{ ...log[2]!, status: 'running' }] })
    const wrapper = await mountView()
    expect(rows(wrapper)[0]?.[1]).toBe('Running')

    vi.mocked(api.jobs.list).mockResolvedValueOnce({
      ok: true,
      value: [{ ...log[2]!, status: 'done', finishedAt: startedAt + 2_000, details: { rows: 1, requests: 1 } }]
    })
    // Progress of the same sync does not reload; its end does. Another portal's events do nothing.
    api.emit('sync.status', { ...idleStatus('p1'), state: 'syncing', rows: 10 })
    api.emit('sync.status', { ...idleStatus('p2') })
    await flushPromises()
    expect(api.jobs.list).toHaveBeenCalledTimes(1)
    api.emit('sync.status', idleStatus('p1'))
    await flushPromises()
    expect(api.jobs.list).toHaveBeenCalledTimes(2)
    expect(rows(wrapper)[0]).toEqual([
      'First download — all fields',
      'Done',
      startedIn('en'),
      '2 s',
      '1 lead · 1 request',
      ''
    ])
    wrapper.unmount()
  })

  it("offers pause, resume and cancel for the user's own jobs by state, and shows what the core answers", async () => {
    vi.mocked(api.jobs.list).mockResolvedValue({
      ok: true,
      value: [
        job({ id: 9, kind: 'push', status: 'running' }),
        job({ id: 8, kind: 'import', status: 'paused', progress: { done: 40, failed: 0, total: 100 } }),
        job({ id: 7, kind: 'export', status: 'running', progress: { done: 5, failed: 0 } }),
        job({ id: 6, kind: 'bulk-edit', status: 'done', finishedAt: startedAt + 1_000 })
      ]
    })
    const wrapper = await mountView()
    const buttons = () => wrapper.findAll('tbody button').map((button) => button.attributes('aria-label'))
    expect(buttons()).toEqual([
      'Resume job 8: Import',
      'Cancel job 8: Import',
      'Pause job 7: Export',
      'Cancel job 7: Export'
    ])

    vi.mocked(api.jobs.resume).mockResolvedValue({
      ok: true,
      value: job({ id: 8, kind: 'import', status: 'queued', progress: { done: 40, failed: 0, total: 100 } })
    })
    await wrapper.get('button[aria-label="Resume job 8: Import"]').trigger('click')
    await flushPromises()
    expect(api.jobs.resume).toHaveBeenCalledWith({ portalId: 'p1', jobId: 8 })
    expect(rows(wrapper)[1]?.slice(0, 2)).toEqual(['Import', 'Waiting'])
    expect(buttons()).toContain('Pause job 8: Import')
    wrapper.unmount()
  })

  it("follows the core's jobs.changed events of the active portal", async () => {
    vi.mocked(api.jobs.list).mockResolvedValue({ ok: true, value: [job({ id: 7, kind: 'export', status: 'running' })] })
    const wrapper = await mountView()
    api.emit('jobs.changed', {
      portalId: 'p1',
      job: job({ id: 7, kind: 'export', status: 'done', finishedAt: startedAt + 4_000 })
    })
    api.emit('jobs.changed', { portalId: 'p1', job: job({ id: 8, kind: 'import', status: 'queued' }) })
    api.emit('jobs.changed', { portalId: 'p2', job: job({ id: 99, kind: 'import', status: 'running' }) })
    await flushPromises()
    expect(rows(wrapper).map(([kind, status]) => [kind, status])).toEqual([
      ['Import', 'Waiting'],
      ['Export', 'Done']
    ])
    wrapper.unmount()
  })

  it('reloads on demand from the keyboard-reachable Refresh button', async () => {
    const wrapper = await mountView()
    const refresh = wrapper.get('button')
    expect(refresh.text()).toBe('Refresh')
    await refresh.trigger('click')
    await flushPromises()
    expect(api.jobs.list).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('says so when the portal has no jobs yet', async () => {
    const wrapper = await mountView()
    expect(wrapper.text()).toContain('No jobs yet')
    expect(wrapper.find('table').exists()).toBe(false)
    wrapper.unmount()
  })

  it('explains a failed load instead of claiming the log is empty', async () => {
    vi.mocked(api.jobs.list).mockResolvedValue({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', details: undefined }
    })
    const wrapper = await mountView()
    expect(wrapper.get('[role="alert"]').text()).toContain('Not found')
    expect(wrapper.text()).not.toContain('No jobs yet')
    wrapper.unmount()
  })

  it('asks for a portal when none is connected', async () => {
    const wrapper = await mountView({ portals: [] })
    expect(wrapper.get('h2').text()).toBe('Jobs')
    expect(wrapper.text()).toContain('Connect a portal')
    expect(api.jobs.list).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('speaks Russian, with Russian plural forms', async () => {
    vi.mocked(api.jobs.list).mockResolvedValue({ ok: true, value: [log[3]!, log[0]!] })
    const wrapper = await mountView({ locale: 'ru' })
    const [grid, push] = rows(wrapper).map((row) => row.map((cell) => cell.replace(/\s/g, ' ')))
    expect(grid?.slice(0, 2)).toEqual(['Первая загрузка — колонки таблицы', 'Готово'])
    expect(grid?.[3]).toBe('1 мин 5 с')
    expect(grid?.[4]).toBe('100 000 лидов · 41 запрос')
    expect(push?.[4]).toBe('отправлено 1 000 изменений · 2 конфликта · 21 запрос')
    expect(grid?.[2]).toBe(startedIn('ru').replace(/\s/g, ' '))
    wrapper.unmount()
  })
})
