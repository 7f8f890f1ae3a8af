import { createPinia } from 'pinia'
import type { GridView, LeadFieldInfo, LeadRow } from '../../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { defineComponent, h, nextTick, ref } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../../renderer/src/api/client'
import ColumnChooser from '../../../../renderer/src/features/leads/tools/ColumnChooser.vue'
import CreateLeadDialog from '../../../../renderer/src/features/leads/tools/CreateLeadDialog.vue'
import FilterBar from '../../../../renderer/src/features/leads/tools/FilterBar.vue'
import type { ViewColumn, ViewCondition } from '../../../../renderer/src/features/leads/tools/grid-view-state'
import { useGridView } from '../../../../renderer/src/features/leads/tools/useGridView'
import { useSelection } from '../../../../renderer/src/features/leads/tools/useSelection'
import { createAppI18n, type Locale } from '../../../../renderer/src/i18n'
import { makeFakeApi, type FakeApi } from '../fake-api'

const fields: LeadFieldInfo[] = [
  { code: 'ID', type: 'integer', title: 'ID', isUserField: false, readOnly: true, multiple: false },
  {
    code: 'TITLE',
    type: 'string',
    title: 'Lead name',
    isUserField: false,
    readOnly: false,
    multiple: false,
    required: true
  },
  {
    code: 'STATUS_ID',
    type: 'crm_status',
    title: 'Stage',
    isUserField: false,
    readOnly: false,
    multiple: false,
    items: [
      { value: 'NEW', label: 'New' },
      { value: 'IN_PROCESS', label: 'In work' }
    ]
  },
  { code: 'OPPORTUNITY', type: 'double', title: 'Amount', isUserField: false, readOnly: false, multiple: false },
  {
    code: 'UF_CRM_REGION',
    type: 'string',
    title: 'Region',
    isUserField: true,
    readOnly: false,
    multiple: false,
    required: true
  }
]

let api: FakeApi
beforeEach(() => {
  api = makeFakeApi()
  setApi(api)
  document.body.innerHTML = ''
})

/** Mounts inside the providers the app has (dialogs and messages), attached so teleports work. */
function mountWith(component: object, props: Record<string, unknown>, locale: Locale = 'en') {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(component, props)))
  })
  return mount(Host, { global: { plugins: [createAppI18n(locale), createPinia()] }, attachTo: document.body })
}
const byLabel = (label: string) => document.querySelector<HTMLElement>(`[aria-label="${label}"]`)

describe('column chooser', () => {
  it('shows the column of a userfield', async () => {
    const columns = ref<ViewColumn[]>([{ code: 'ID' }, { code: 'TITLE' }])
    const pinned = ref(1)
    mountWith(ColumnChooser, {
      fields,
      columns: columns.value,
      pinned: pinned.value,
      'onUpdate:columns': (next: ViewColumn[]) => (columns.value = next),
      'onUpdate:pinned': (next: number) => (pinned.value = next)
    })
    document.querySelector('button')!.click()
    await flushPromises()
    byLabel('Show column Region')!.click()
    await flushPromises()
    expect(columns.value.map((column) => column.code)).toEqual(['ID', 'TITLE', 'UF_CRM_REGION'])
  })

  it('keeps one column shown at least', async () => {
    mountWith(ColumnChooser, { fields, columns: [{ code: 'TITLE' }], pinned: 0 })
    document.querySelector('button')!.click()
    await flushPromises()
    expect(byLabel('Hide column Lead Title')!.closest('.n-checkbox')!.classList).toContain('n-checkbox--disabled')
  })

  it('moves and hides through the props it was given', async () => {
    const updates: ViewColumn[][] = []
    mountWith(ColumnChooser, {
      fields,
      columns: [{ code: 'ID' }, { code: 'TITLE' }, { code: 'UF_CRM_REGION' }],
      pinned: 1,
      'onUpdate:columns': (next: ViewColumn[]) => updates.push(next)
    })
    document.querySelector('button')!.click()
    await flushPromises()
    ;(byLabel('Move Region left') as HTMLButtonElement).click()
    ;(byLabel('Hide column ID') as HTMLElement).click()
    await flushPromises()
    expect(updates.map((columns) => columns.map((column) => column.code))).toEqual([
      ['ID', 'UF_CRM_REGION', 'TITLE'],
      ['TITLE', 'UF_CRM_REGION']
    ])
  })
})

describe('filter bar', () => {
  it('words each condition in the UI language and removes one by its named button', async () => {
    const conditions = ref<ViewCondition[]>([
      { field: 'STATUS_ID', op: '@', value: ['NEW', 'IN_PROCESS'] },
      { field: 'OPPORTUNITY', op: '>=', value: 1500.5 },
      { field: 'UF_CRM_REGION', op: 'empty' }
    ])
    const wrapper = mountWith(
      FilterBar,
      {
        fields,
        modelValue: conditions.value,
        'onUpdate:modelValue': (next: ViewCondition[]) => (conditions.value = next)
      },
      'ru'
    )
    await flushPromises()
    const text = wrapper.text()
    expect(text).toContain('Стадия любое из New, In work')
    expect(text).toContain('Сумма от 1\u00a0500,5')
    expect(text).toContain('Region пусто')
    byLabel('Убрать фильтр Сумма от 1\u00a0500,5')!.click()
    await nextTick()
    expect(conditions.value.map((condition) => condition.field)).toEqual(['STATUS_ID', 'UF_CRM_REGION'])
  })
})

describe('selection', () => {
  it('picks rows one by one and by range, or describes all matching leads without listing them', () => {
    const selection = useSelection()
    const keyAt = (index: number) => (index === 3 ? undefined : 100 + index)
    selection.toggle(101, 1)
    selection.extendTo(5, keyAt)
    expect([...selection.keys.value].sort()).toEqual([101, 102, 104, 105])
    selection.toggle(102, 2)
    expect(selection.count(5000)).toBe(3)
    expect(selection.target({ filter: [], search: 'x' })).toEqual({ keys: [101, 104, 105] })
    selection.selectAllMatching()
    expect(selection.count(5000)).toBe(5000)
    expect(selection.isSelected(99_999)).toBe(true)
    const filter = [{ field: 'STATUS_ID', op: '=' as const, value: 'NEW' }]
    expect(selection.target({ filter, search: 'x' })).toEqual({ query: { filter, search: 'x' } })
    selection.clear()
    expect(selection.any.value).toBe(false)
  })
})

describe('saved views', () => {
  it('opens the default view, tells a change from it, and saves as a new view', async () => {
    const hot: GridView = {
      id: 'v1',
      name: 'Hot',
      columns: [{ code: 'ID' }, { code: 'UF_CRM_REGION', width: 200 }],
      pinned: 1,
      filter: [{ field: 'UF_CRM_REGION', op: '=', value: 'North' }],
      sort: [{ field: 'ID', direction: 'asc' }],
      search: ''
    }
    const save = vi.fn(async ({ settings }: { settings: Omit<GridView, 'id'> }) => ({
      ok: true,
      value: { ...settings, id: 'v2' }
    }))
    Object.assign(api, {
      views: {
        list: vi.fn(async () => ({ ok: true, value: { views: [hot], defaultId: 'v1' } })),
        save,
        remove: vi.fn(),
        setDefault: vi.fn()
      }
    })
    const control = useGridView(
      () => 'p1',
      () => 'All leads'
    )
    await flushPromises()
    expect(control.active.value?.name).toBe('Hot')
    expect(control.settings.value.filter).toEqual(hot.filter)
    expect(control.modified.value).toBe(false)

    control.settings.value.columns.push({ code: 'TITLE' })
    expect(control.modified.value).toBe(true)
    expect(await control.saveAs('Hot with titles')).toBe(true)
    expect(save).toHaveBeenCalledWith({
      portalId: 'p1',
      id: undefined,
      settings: expect.objectContaining({
        name: 'Hot with titles',
        columns: [{ code: 'ID' }, { code: 'UF_CRM_REGION', width: 200 }, { code: 'TITLE' }]
      })
    })
    expect(control.activeId.value).toBe('v2')
    expect(control.saved.value.views.map((view) => view.name)).toEqual(['Hot', 'Hot with titles'])
  })
})

describe('new lead form', () => {
  it('asks for the required fields before saving, then creates the lead with what was typed', async () => {
    const create = vi.fn(async ({ fields: values }: { fields: Record<string, unknown> }) => ({
      ok: true,
      value: { key: -1, values, syncState: 'pending' } satisfies LeadRow
    }))
    Object.assign(api, { leads: { create } })
    const created: LeadRow[] = []
    mountWith(CreateLeadDialog, {
      portalId: 'p1',
      fields,
      show: true,
      onCreated: (row: LeadRow) => created.push(row)
    })
    await flushPromises()
    const save = [...document.querySelectorAll('button')].find((button) => button.textContent?.includes('Create lead'))!
    save.click()
    await flushPromises()
    const alerts = [...document.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent)
    expect(alerts).toEqual(['Fill in Lead Title', 'Fill in Region'])
    expect(create).not.toHaveBeenCalled()

    for (const [label, value] of [
      ['Lead Title', 'Fair stand'],
      ['Region', 'North']
    ] as const) {
      const input = byLabel(label) as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    await flushPromises()
    save.click()
    await flushPromises()
    expect(create).toHaveBeenCalledWith({ portalId: 'p1', fields: { TITLE: 'Fair stand', UF_CRM_REGION: 'North' } })
    expect(created).toHaveLength(1)
  })
})
