import type { LeadFieldInfo, LeadRow } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LeadsGrid from '../../../renderer/src/features/leads/LeadsGrid.vue'
import { createAppI18n } from '../../../renderer/src/i18n'

vi.mock('@tanstack/vue-virtual', () => import('./two-row-virtualizer'))

const columns: LeadFieldInfo[] = [
  { code: 'ID', type: 'integer', title: 'ID', isUserField: false, readOnly: true, multiple: false },
  { code: 'TITLE', type: 'string', title: 'Lead Title', isUserField: false, readOnly: false, multiple: false },
  {
    code: 'STATUS_ID',
    type: 'crm_status',
    title: 'Stage',
    labels: { en: 'Stage', ru: 'Стадия' },
    isUserField: false,
    readOnly: false,
    multiple: false,
    items: [
      { value: 'NEW', label: 'Unassigned', color: '#2fc6f6', semantics: 'process' },
      { value: 'PROCESSED', label: 'Good lead', color: '#ffe500', semantics: 'process' }
    ]
  }
]
const rows: LeadRow[] = [
  { key: 1, values: { ID: '1', TITLE: 'First', STATUS_ID: 'NEW' }, syncState: 'synced' },
  { key: 2, values: { ID: '2', TITLE: 'Second', STATUS_ID: 'PROCESSED' }, syncState: 'conflict' }
]

let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn')
})
afterEach(() => {
  // No Vue warnings while keys are pressed in the grid and its editors.
  expect(warn.mock.calls).toEqual([])
  warn.mockRestore()
})

type SaveCell = (row: LeadRow, field: string, value: unknown) => Promise<string | undefined>

function mountGrid(saveCell = vi.fn<SaveCell>(async () => undefined), language: 'en' | 'ru' = 'en') {
  const grid = mount(LeadsGrid, {
    props: {
      total: rows.length,
      row: (index: number) => rows[index],
      columns,
      sort: { field: 'ID', direction: 'asc' as const },
      saveCell
    },
    global: { plugins: [createAppI18n(language)] },
    attachTo: document.body
  })
  return { grid, saveCell, element: grid.get('[role="grid"]') }
}

/** The text of the cell the grid names as active. */
const activeCellText = (element: Element) =>
  document.getElementById(element.getAttribute('aria-activedescendant')!)?.textContent?.trim()

describe('the lead grid for keyboards and screen readers', () => {
  it('is a grid whose cells have ids, positions and roles; the active one is named', () => {
    const { grid, element } = mountGrid()
    expect(element.attributes()).toMatchObject({ 'aria-rowcount': '3', 'aria-colcount': '4', tabindex: '0' })
    const cells = grid.findAll('[role="row"]')[2]!.findAll('[role="gridcell"]')
    expect(cells.map((cell) => cell.attributes('aria-colindex'))).toEqual(['1', '2', '3', '4'])
    expect(new Set(grid.findAll('[role="gridcell"]').map((cell) => cell.attributes('id'))).size).toBe(8)
    expect(grid.findAll('[role="row"]').map((row) => row.attributes('aria-rowindex'))).toEqual(['1', '2', '3'])
    expect(activeCellText(element.element)).toBe('1')
    grid.unmount()
  })

  it('moves the active cell with the arrows', async () => {
    const { grid, element } = mountGrid()
    await element.trigger('keydown', { key: 'ArrowRight' })
    expect(activeCellText(element.element)).toBe('First')
    await element.trigger('keydown', { key: 'ArrowDown' })
    expect(activeCellText(element.element)).toBe('Second')
    await element.trigger('keydown', { key: 'ArrowLeft' })
    await element.trigger('keydown', { key: 'ArrowLeft' })
    // The sync state is read out in words; its symbol is hidden from screen readers.
    expect(activeCellText(element.element)).toMatch(/^Conflict/)
    expect(
      document.getElementById(element.attributes('aria-activedescendant')!)!.querySelector('[aria-hidden="true"]')!
        .textContent
    ).toBe('!')
    grid.unmount()
  })

  it('reaches the column headers with ArrowUp; Enter there sorts by that column', async () => {
    const { grid, element } = mountGrid()
    await element.trigger('keydown', { key: 'ArrowRight' })
    await element.trigger('keydown', { key: 'ArrowUp' })
    expect(activeCellText(element.element)).toBe('Lead Title')
    await element.trigger('keydown', { key: 'Enter' })
    expect(grid.emitted('sort')).toEqual([['TITLE']])
    grid.unmount()
  })

  it('Enter edits the cell with its field’s editor; Escape cancels and nothing is saved', async () => {
    const { grid, element, saveCell } = mountGrid()
    await element.trigger('keydown', { key: 'ArrowRight' })
    await element.trigger('keydown', { key: 'ArrowRight' })
    await element.trigger('keydown', { key: 'Enter' })
    const box = grid.get('[role="combobox"]')
    expect(box.attributes('aria-label')).toBe('New value of Stage')
    expect(document.activeElement).toBe(box.element)
    await box.trigger('keydown', { key: 'Escape' })
    expect(grid.find('[role="combobox"]').exists()).toBe(false)
    expect(document.activeElement).toBe(element.element)
    expect(saveCell).not.toHaveBeenCalled()
    grid.unmount()
  })

  it('confirming a value that did not change saves nothing', async () => {
    const { grid, element, saveCell } = mountGrid()
    await element.trigger('keydown', { key: 'End' })
    await element.trigger('keydown', { key: 'Enter' })
    await grid.get('[role="combobox"]').trigger('keydown', { key: 'Enter' })
    expect(grid.find('[role="combobox"]').exists()).toBe(false)
    expect(saveCell).not.toHaveBeenCalled()
    grid.unmount()
  })

  it('saves a stage chosen by its label as its code', async () => {
    const { grid, element, saveCell } = mountGrid()
    await element.trigger('keydown', { key: 'End' })
    await element.trigger('keydown', { key: 'Enter' })
    const box = grid.get('[role="combobox"]')
    await box.setValue('good')
    await box.trigger('keydown', { key: 'Enter' })
    expect(saveCell).toHaveBeenCalledWith(rows[0], 'STATUS_ID', 'PROCESSED')
    grid.unmount()
  })

  it('Tab in the editor saves and moves to the next cell; a refused value stays with its message', async () => {
    const saveCell = vi.fn<SaveCell>(async (_row, _field, value) => (value === '' ? 'Lead Title: required' : undefined))
    const { grid, element } = mountGrid(saveCell)
    await element.trigger('keydown', { key: 'ArrowRight' })
    await element.trigger('keydown', { key: 'Enter' })
    const box = grid.get('input[aria-label="New value of Lead Title"]')
    await box.setValue('')
    await box.trigger('keydown', { key: 'Tab' })
    await vi.waitFor(() => expect(grid.get('[role="alert"]').text()).toBe('Lead Title: required'))
    expect(activeCellText(element.element)).not.toBe('Unassigned')
    await box.setValue('Renamed')
    await box.trigger('keydown', { key: 'Tab' })
    await vi.waitFor(() => expect(grid.find('input').exists()).toBe(false))
    expect(saveCell).toHaveBeenLastCalledWith(rows[0], 'TITLE', 'Renamed')
    expect(activeCellText(element.element)).toBe('Unassigned')
    grid.unmount()
  })

  it('opens a lead: Enter on its ID, a double-click on the ID or title, its Open button', async () => {
    const { grid, element } = mountGrid()
    await element.trigger('keydown', { key: 'Enter' })
    const cells = grid.findAll('[role="row"]')[2]!.findAll('[role="gridcell"]')
    await cells[1]!.trigger('dblclick')
    await cells[2]!.trigger('dblclick')
    await grid.get('button[aria-label="Open lead Second"]').trigger('click')
    expect(grid.emitted('open')).toEqual([[rows[0]], [rows[1]], [rows[1]], [rows[1]]])
    grid.unmount()
  })

  it('shows stages as chips and headers in the UI language', async () => {
    const { grid } = mountGrid(undefined, 'ru')
    expect(grid.findAll('[role="columnheader"]').map((header) => header.text())).toEqual([
      'Синхр.',
      'ID ▲',
      'Lead Title',
      'Стадия'
    ])
    const chip = grid.findAll('.field-value__stage')[1]!
    expect(chip.text()).toBe('Good lead')
    // A light stage colour gets dark text.
    expect(chip.attributes('style')).toContain('color: #000000')
    expect(grid.findAll('[role="gridcell"]')[0]!.text()).toContain('Синхронизирован')
    grid.unmount()
  })
})
