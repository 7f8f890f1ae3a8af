import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BatchBuilder, runBatch, type CommandOutcome } from '../../../electron/core/portal/batch'
import { resultRef } from '../../../electron/core/portal/batch-references'
import { runBatches } from '../../../electron/core/portal/batch-retry'
import { PortalError } from '../../../electron/core/portal/portal-error'
import type { Emulator } from '../../../electron/emulator/emulator'
import { startTestEmulator } from '../../support/emulator'
import { resetStats, stats, webhookClient } from '../../support/webhook-client'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())

function value<T>(outcome: CommandOutcome | undefined): T {
  if (!outcome?.ok) throw new Error(`Expected success, got ${outcome?.error.message}`)
  return outcome.result as T
}

function failure(outcome: CommandOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error('Expected a failure')
  expect(outcome.error).toBeInstanceOf(PortalError)
  const { code, description, status, method, kind } = outcome.error
  return { code, description, status, method, kind }
}

describe('batch against the emulated portal', () => {
  it('runs commands with references and reports each command’s own result or error', async () => {
    const client = webhookClient(emulator)
    const title = 'Batch & co = 100% «Лид»'
    const commands = new BatchBuilder()
      .add('add', 'crm.lead.add', {
        fields: { TITLE: title, OPPORTUNITY: 1500.5, PHONE: [{ VALUE: '+7 495 123-45-67', VALUE_TYPE: 'WORK' }] }
      })
      .add('get', 'crm.lead.get', { id: resultRef('add') })
      .add('rename', 'crm.lead.update', {
        id: resultRef('add'),
        fields: { TITLE: `Renamed ${resultRef('get', 'ID')}` }
      })
      .add('bad', 'crm.lead.get', { id: 0 })
      .add('nested', 'batch', { cmd: { a: 'crm.lead.fields' } })
      .add('list', 'crm.lead.list', { filter: { ID: resultRef('add') }, select: ['ID', 'TITLE'] })
      .build()
    await resetStats(emulator)
    const { outcomes, requests } = await runBatch(client, commands)

    const id = value<number>(outcomes.add)
    expect(typeof id).toBe('number')
    expect(value<Record<string, unknown>>(outcomes.get)).toMatchObject({
      ID: String(id),
      TITLE: title,
      OPPORTUNITY: '1500.50',
      PHONE: [expect.objectContaining({ VALUE: '+7 495 123-45-67', VALUE_TYPE: 'WORK' })]
    })
    expect(value(outcomes.rename)).toBe(true)
    expect(outcomes.list).toMatchObject({ ok: true, result: [{ ID: String(id), TITLE: `Renamed ${id}` }], total: 1 })
    expect(failure(outcomes.bad)).toEqual({
      code: '',
      description: 'ID is not defined or invalid.',
      status: 400,
      method: 'crm.lead.get',
      kind: 'permanent'
    })
    expect(failure(outcomes.nested)).toEqual({
      code: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
      description: 'Method is not allowed for batch usage',
      status: 405,
      method: 'batch',
      kind: 'permanent'
    })
    expect(requests).toBe(1)
    expect((await stats(emulator)).requests).toBe(1)
    // Each command's result_time went to the tracker (the emulator's operating limit is on).
    expect(client.operating.snapshot()['crm.lead.add']?.operating).toBeGreaterThan(0)
  })

  it('under halt, the commands after the first failure are reported as not run', async () => {
    const { outcomes } = await runBatch(
      webhookClient(emulator),
      {
        fields: { method: 'crm.lead.fields' },
        bad: { method: 'crm.lead.get', params: { id: 0 } },
        after: { method: 'crm.lead.fields' }
      },
      { halt: true }
    )
    expect(outcomes.fields?.ok).toBe(true)
    expect(failure(outcomes.bad).description).toBe('ID is not defined or invalid.')
    expect(failure(outcomes.after)).toMatchObject({ code: 'BATCH_NOT_RUN', kind: 'retryable' })
  })

  it('splits 120 commands into three requests and carries references across them', async () => {
    const builder: Record<string, { method: string; params: Record<string, unknown> }> = {}
    for (let i = 0; i < 119; i++)
      builder[`a${i}`] = { method: 'crm.lead.add', params: { fields: { TITLE: `Bulk ${i}` } } }
    builder.check = { method: 'crm.lead.get', params: { id: resultRef('a0') } }
    await resetStats(emulator)
    const { outcomes, requests } = await runBatches(webhookClient(emulator), builder)
    expect(requests).toBe(3)
    expect((await stats(emulator)).requestsByMethod).toEqual({ batch: 3 })
    const ids = Object.keys(builder)
      .slice(0, 119)
      .map((key) => value<number>(outcomes[key]))
    expect(new Set(ids).size).toBe(119)
    expect(value<Record<string, unknown>>(outcomes.check)).toMatchObject({ ID: String(ids[0]), TITLE: 'Bulk 0' })
  })
})
