import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileHandle, JobInfo, PortalSummary } from '../../electron/contract'
import type { JobDefinition } from '../../electron/core/jobs/job-runner'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from '../support/core'
import { startTestEmulator } from '../support/emulator'

/**
 * The job runner and the file port through the API, as the renderer reaches them: a long job
 * paused, resumed, cancelled, and taken up again after the app restarted; a file uploaded and a
 * written file downloaded in the browser build.
 */

/** A job that handles `count` items one by one, saving where it is after each, while `allowance` lets it. */
const handled: number[] = []
let allowance = Number.POSITIVE_INFINITY
async function permit(signal: AbortSignal): Promise<void> {
  while (handled.length >= allowance) {
    signal.throwIfAborted()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
const countingJob: JobDefinition<{ count: number }, number> = {
  kind: 'export',
  async run(context) {
    for (let item = (context.checkpoint ?? 0) + 1; item <= context.params.count; item++) {
      await context.pausePoint()
      await permit(context.signal)
      handled.push(item)
      context.reportProgress({ done: item, failed: 0, total: context.params.count })
      context.saveCheckpoint(item)
    }
    return { items: context.params.count }
  }
}

let portal: Emulator
let temp: Awaited<ReturnType<typeof makeTempDir>>
let services: ReturnType<typeof makeServices>
let portalId: string

let secrets: MemorySecretStore
/** The core over the test's data folder; the keychain outlives a restart, as the real one does. */
const start = () => makeServices(temp.dir, secrets, { sync: { jobs: [countingJob] } })
async function value<T>(reply: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const envelope = await reply
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
  return envelope.value as T
}
const jobs = () => value<JobInfo[]>(services.dispatch('jobs.list', { portalId }))
const jobNamed = async (id: number) => (await jobs()).find((job) => job.id === id)!
/** Lets the job handle items up to `count` in all, then holds it. */
const allow = (count = Number.POSITIVE_INFINITY) => {
  allowance = count
}

beforeEach(async () => {
  handled.length = 0
  allow()
  portal = await startTestEmulator({ leads: 5, seed: 8 })
  temp = await makeTempDir()
  secrets = new MemorySecretStore()
  services = start()
  portalId = (await value<PortalSummary>(services.dispatch('portals.connectWebhook', { url: portal.webhookUrl }))).id
})

afterEach(async () => {
  allow()
  await services.dispose()
  await portal.close()
  await temp.cleanup()
})

describe('jobs through the API', () => {
  it('pauses, resumes and finishes a job, every item once, telling the renderer each change', async () => {
    const changes: JobInfo['status'][] = []
    services.events.on('jobs.changed', ({ job }) => changes.push(job.status))
    allow(0)
    const job = (await services.workspaces.open(portalId)).jobs.start('export', { count: 5 })
    await expect.poll(async () => (await jobNamed(job.id)).status).toBe('running')

    expect((await value<JobInfo>(services.dispatch('jobs.pause', { portalId, jobId: job.id }))).status).toBe('paused')
    allow()
    await expect.poll(() => handled.length).toBeGreaterThanOrEqual(1)
    // It stops at its next pause point: at most the item it was on is handled.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(handled).toEqual([1])
    expect((await jobNamed(job.id)).status).toBe('paused')

    await value(services.dispatch('jobs.resume', { portalId, jobId: job.id }))
    await expect.poll(async () => (await jobNamed(job.id)).status).toBe('done')
    expect(handled).toEqual([1, 2, 3, 4, 5])
    expect(await jobNamed(job.id)).toMatchObject({
      kind: 'export',
      progress: { done: 5, total: 5 },
      details: { items: 5 }
    })
    expect(changes).toEqual(expect.arrayContaining(['running', 'paused', 'done']))
  })

  it('cancels a running job', async () => {
    allow(0)
    const job = (await services.workspaces.open(portalId)).jobs.start('export', { count: 3 })
    await expect.poll(async () => (await jobNamed(job.id)).status).toBe('running')
    await value(services.dispatch('jobs.cancel', { portalId, jobId: job.id }))
    allow()
    await expect.poll(async () => (await jobNamed(job.id)).status).toBe('cancelled')
    expect(handled.length).toBeLessThanOrEqual(1)
  })

  it('shows a job the app stopped in the middle of as interrupted, and resumes it from its checkpoint', async () => {
    allow(2)
    const job = (await services.workspaces.open(portalId)).jobs.start('export', { count: 4 })
    await expect.poll(() => handled.length).toBe(2)
    await services.dispose()
    const before = [...handled]

    allow()
    services = start()
    expect((await jobNamed(job.id)).status).toBe('interrupted')
    await value(services.dispatch('jobs.resume', { portalId, jobId: job.id }))
    await expect.poll(async () => (await jobNamed(job.id)).status).toBe('done')
    // Nothing handled twice, nothing skipped.
    expect(handled).toEqual([1, 2, 3, 4])
    expect(handled.slice(0, before.length)).toEqual(before)
  })

  it('refuses a job that is not there, with a clear error', async () => {
    const reply = await services.dispatch('jobs.pause', { portalId, jobId: 999 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('files through the API (browser build)', () => {
  it('says files are transferred, and refuses an open dialog with a clear message', async () => {
    expect(await value(services.dispatch('files.mode', undefined))).toBe('transfer')
    const reply = await services.dispatch('files.chooseToOpen', { title: 'Import', filters: [] })
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('upload') } })
  })

  it('takes an upload in chunks and hands back what the core writes, in chunks', async () => {
    const text = 'ID;TITLE\n1;Первый\n2;Second\n'
    const bytes = Buffer.from(text, 'utf8')
    const begun = await value<FileHandle>(
      services.dispatch('files.uploadBegin', { name: 'leads.csv', size: bytes.length })
    )
    await value(
      services.dispatch('files.uploadChunk', {
        id: begun.id,
        offset: 0,
        base64: bytes.subarray(0, 10).toString('base64')
      })
    )
    await value(
      services.dispatch('files.uploadChunk', {
        id: begun.id,
        offset: 10,
        base64: bytes.subarray(10).toString('base64')
      })
    )
    const uploaded = await value<FileHandle>(services.dispatch('files.uploadFinish', { id: begun.id }))
    expect(uploaded).toMatchObject({ name: 'leads.csv', size: bytes.length })

    // The core reads the upload and writes a file of its own.
    const read: Buffer[] = []
    for await (const chunk of services.files.openRead(uploaded)) read.push(chunk as Buffer)
    expect(Buffer.concat(read).toString('utf8')).toBe(text)
    const target = (await value<FileHandle>(
      services.dispatch('files.chooseToSave', { title: 'Export', defaultName: 'out.csv', filters: [] })
    ))!
    await pipeline(Readable.from([Buffer.from(text.toUpperCase())]), services.files.openWrite(target))

    const first = await value<{ base64: string; end: boolean }>(
      services.dispatch('files.download', { id: target.id, offset: 0, length: 8 })
    )
    const rest = await value<{ base64: string; end: boolean }>(
      services.dispatch('files.download', { id: target.id, offset: 8, length: 1024 })
    )
    expect(first.end).toBe(false)
    expect(rest.end).toBe(true)
    expect(
      Buffer.concat([Buffer.from(first.base64, 'base64'), Buffer.from(rest.base64, 'base64')]).toString('utf8')
    ).toBe(text.toUpperCase())
  })

  it('refuses a chunk that is not base64, or an upload over the limit, keeping nothing half-done', async () => {
    expect(await services.dispatch('files.uploadBegin', { name: 'big.csv', size: 300 * 1024 * 1024 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' }
    })
    const begun = await value<FileHandle>(services.dispatch('files.uploadBegin', { name: 'a.csv', size: 4 }))
    const bad = await services.dispatch('files.uploadChunk', { id: begun.id, offset: 0, base64: '!!!!' })
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('base64') } })
  })
})
