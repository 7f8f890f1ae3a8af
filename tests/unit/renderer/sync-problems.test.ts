import type { ConflictInfo, LeadFieldInfo, OutboxEntry } from '../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../renderer/src/api/client'
import SyncProblems from '../../../renderer/src/features/sync/SyncProblems.vue'
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

const fields: LeadFieldInfo[] = [
  { code: 'TITLE', type: 'string', title: 'Lead Title', isUserField: false, readOnly: false, multiple: false },
  { code: 'NAME', type: 'string', title: 'First name', isUserField: false, readOnly: false, multiple: false },
  { code: 'OPPORTUNITY', type: 'double', title: 'Amount', isUserField: false, readOnly: false, multiple: false }
]

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
    props: { portalId: 'p1', revision: '1', fields },
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
    expect(item).toContain('Lead 7: the portal refused the change: the change holds something that cannot be put')
    expect(item).toContain('2 later changes of this lead wait for this one')
    wrapper.unmount()
  })

  it('says it once per lead for a change held by conflicts, and nothing when nothing waits', async () => {
    useOutbox([conflicted, entry({ opId: 'e', leadKey: 9, blockedBy: 'c' })], [conflict, secondConflict])
    const wrapper = await mountPanel('ru')
    const [first, second] = items(wrapper)
    expect(first).toContain('Пока решится это, ждёт 1 более позднее изменение этого лида')
    expect(second).not.toContain('ждёт')
    wrapper.unmount()

    useOutbox([{ ...refused, waitingBehind: undefined }])
    const alone = await mountPanel()
    expect(items(alone)[0]).not.toContain('wait for this one')
    alone.unmount()
  })
})

describe('SyncProblems: what the user reads', () => {
  it('has one heading, names fields by their labels and shows values as the grid does', async () => {
    const amounts: ConflictInfo = { id: 3, leadKey: 9, kind: 'field', field: 'OPPORTUNITY', mine: 1234.5, theirs: '' }
    useOutbox([conflicted], [conflict, amounts])
    const wrapper = await mountPanel()
    const region = wrapper.get('[role="region"]')
    expect(wrapper.findAll('h1, h2, h3, h4, [role="heading"]').map((heading) => heading.text())).toEqual([
      'Changes that need you'
    ])
    expect(region.attributes('aria-labelledby')).toBe(wrapper.get('h3').attributes('id'))
    expect(region.attributes('aria-label')).toBeUndefined()
    const [title, amount] = items(wrapper)
    expect(title).toContain('Lead 9, Lead Title: changed here and on the portal.')
    expect(title).not.toContain('TITLE')
    expect(amount).toContain('Yours: 1,234.5')
    expect(amount).toContain('Portal: (empty)')
    const boxes = wrapper.findAll('input')
    expect(boxes.map((box) => box.attributes('aria-label'))).toEqual([
      'Another value for Lead Title',
      'Another value for Amount'
    ])
    expect(wrapper.text()).not.toContain('Please Input')
    for (const box of boxes) expect(box.attributes('placeholder')).toBe('Type another value')
    wrapper.unmount()
  })

  it('words the app’s own reasons in the UI language, and a portal’s refusal in its words', async () => {
    useOutbox([
      {
        ...refused,
        opId: 'x',
        lastError: { code: 'DELETED_ON_PORTAL', message: 'The lead was deleted on the portal.' }
      },
      { ...refused, opId: 'y', leadKey: 8, lastError: { code: 'INTERRUPTED', message: 'The app stopped.' } },
      { ...refused, opId: 'z', leadKey: 6, lastError: { code: 'ERROR_CORE', message: 'Поле заполнено неверно' } }
    ])
    const wrapper = await mountPanel('ru')
    const texts = items(wrapper)
    expect(texts[0]).toContain('Лид 7: портал не принял изменение: лид удалён на портале')
    expect(texts[1]).toContain('приложение остановилось, пока изменение отправлялось')
    expect(texts[2]).toContain('портал не принял изменение: Поле заполнено неверно')
    expect(texts.join(' ')).not.toMatch(/The lead was deleted|The app stopped/)
    wrapper.unmount()
  })
})
