import type { ConflictInfo, OutboxEntry } from '../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../renderer/src/api/client'
import SyncProblems from '../../../renderer/src/features/leads/SyncProblems.vue'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { makeFakeApi, type FakeApi } from './fake-api'

const entry = (fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'opId' | 'leadKey'>): OutboxEntry => ({
  kind: 'update',
  state: 'pending',
  attempts: 0,
  patch: {},
  heldByConflict: false,
  ...fields
})

const refused = entry({
  opId: 'a',
  leadKey: 7,
  state: 'needs-attention',
  lastError: { code: 'UNSENDABLE', message: 'This change cannot be sent.' },
  waitingBehind: 2
})
const conflicted = entry({ opId: 'c', leadKey: 9, state: 'needs-attention', heldByConflict: true, waitingBehind: 1 })
const conflict: ConflictInfo = { id: 1, leadKey: 9, kind: 'field', field: 'TITLE', mine: 'A', theirs: 'B' }
const secondConflict: ConflictInfo = { id: 2, leadKey: 9, kind: 'field', field: 'NAME', mine: 'C', theirs: 'D' }

let api: FakeApi
function useOutbox(entries: OutboxEntry[], conflicts: ConflictInfo[] = []) {
  Object.assign(api, {
    conflicts: { list: vi.fn(async () => ({ ok: true, value: conflicts })), resolve: vi.fn() },
    outbox: { list: vi.fn(async () => ({ ok: true, value: entries })), retry: vi.fn(), discard: vi.fn() }
  })
}
beforeEach(() => {
  api = makeFakeApi()
  setApi(api)
})

async function mountPanel(locale: Locale = 'en') {
  const wrapper = mount(SyncProblems, {
    props: { portalId: 'p1', revision: '1' },
    global: { plugins: [createAppI18n(locale)] }
  })
  await flushPromises()
  return wrapper
}

const items = (wrapper: Awaited<ReturnType<typeof mountPanel>>) => wrapper.findAll('li').map((item) => item.text())

describe('SyncProblems: changes that wait behind one the user must settle', () => {
  it('says how many later changes of the lead wait for a refused change', async () => {
    useOutbox([
      refused,
      entry({ opId: 'b', leadKey: 7, blockedBy: 'a' }),
      entry({ opId: 'd', leadKey: 7, blockedBy: 'a' })
    ])
    const wrapper = await mountPanel()
    const [item] = items(wrapper)
    expect(item).toContain('Lead 7: the portal refused the change: This change cannot be sent.')
    expect(item).toContain('2 later changes of this lead wait for this one')
    wrapper.unmount()
  })

  it('says it once per lead for a change held by conflicts, and nothing when nothing waits', async () => {
    useOutbox([conflicted, entry({ opId: 'e', leadKey: 9, blockedBy: 'c' })], [conflict, secondConflict])
    const wrapper = await mountPanel('ru')
    const [first, second] = items(wrapper)
    expect(first).toContain('Более поздних изменений этого лида ждут, пока решится это: 1')
    expect(second).not.toContain('ждут')
    wrapper.unmount()

    useOutbox([{ ...refused, waitingBehind: undefined }])
    const alone = await mountPanel()
    expect(items(alone)[0]).not.toContain('wait for this one')
    alone.unmount()
  })
})
