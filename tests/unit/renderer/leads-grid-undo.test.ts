import type { LeadFieldInfo, LeadRow } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import LeadsGrid from '../../../renderer/src/features/leads/LeadsGrid.vue'
import { createAppI18n } from '../../../renderer/src/i18n'

vi.mock('@tanstack/vue-virtual', () => import('./two-row-virtualizer'))

const columns: LeadFieldInfo[] = [
  { code: 'ID', type: 'integer', title: 'ID', isUserField: false, readOnly: true, multiple: false },
  { code: 'TITLE', type: 'string', title: 'Lead Title', isUserField: false, readOnly: false, multiple: false }
]
const rows: LeadRow[] = [
  { key: 1, values: { ID: '1', TITLE: 'Synced lead' }, syncState: 'synced' },
  { key: 2, values: { ID: '2', TITLE: 'Edited offline' }, syncState: 'pending' }
]

function mountGrid() {
  return mount(LeadsGrid, {
    props: {
      total: rows.length,
      row: (index: number) => rows[index],
      columns,
      sort: { field: 'ID', direction: 'asc' as const },
      saveCell: async () => undefined
    },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body
  })
}

describe('undo in the lead grid', () => {
  it('Ctrl+Z (or ⌘Z) asks to undo the focused lead; Ctrl+Shift+Z and plain Z do not', async () => {
    const grid = mountGrid()
    const body = grid.get('[role="grid"]')
    await body.trigger('keydown', { key: 'ArrowDown' })
    await body.trigger('keydown', { key: 'z', ctrlKey: true })
    await body.trigger('keydown', { key: 'Z', metaKey: true })
    await body.trigger('keydown', { key: 'z', ctrlKey: true, shiftKey: true })
    await body.trigger('keydown', { key: 'z' })
    expect(grid.emitted('undo')).toEqual([[rows[1]], [rows[1]]])
    grid.unmount()
  })

  it('a row with unsent work has an undo button; a synced row has none', async () => {
    const grid = mountGrid()
    const buttons = grid.findAll('button[aria-label^="Undo"]')
    expect(buttons.map((button) => button.attributes('aria-label'))).toEqual(['Undo the last change of lead 2'])
    await buttons[0]!.trigger('click')
    expect(grid.emitted('undo')).toEqual([[rows[1]]])
    grid.unmount()
  })
})
