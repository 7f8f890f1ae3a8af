import type { GridView, GridViewSettings, LeadFieldInfo } from '@contract'

export type ViewColumn = GridViewSettings['columns'][number]
export type ViewCondition = GridViewSettings['filter'][number]

/** The columns a grid shows before the user chose any. */
export const DEFAULT_COLUMN_CODES = [
  'ID',
  'TITLE',
  'NAME',
  'LAST_NAME',
  'STATUS_ID',
  'SOURCE_ID',
  'OPPORTUNITY',
  'ASSIGNED_BY_ID',
  'DATE_MODIFY'
]

export const DEFAULT_SORT = { field: 'DATE_MODIFY', direction: 'desc' } as const

/** What the grid shows now: the settings of a view, saved or not. */
export function defaultSettings(name: string): GridViewSettings {
  return {
    name,
    columns: DEFAULT_COLUMN_CODES.map((code) => ({ code })),
    pinned: 1,
    filter: [],
    sort: [{ ...DEFAULT_SORT }],
    search: ''
  }
}

/** A copy of the settings of a saved view, without its id (JSON all through, reactive or not). */
export function settingsOf(view: GridView): GridViewSettings {
  const { id: _id, ...settings } = view
  return JSON.parse(JSON.stringify(settings)) as GridViewSettings
}

/**
 * The view's columns the portal still has, in the view's order. A column of a field that is gone
 * (a deleted userfield) is left out instead of breaking the grid.
 */
export function shownColumns(
  columns: readonly ViewColumn[],
  fields: readonly LeadFieldInfo[]
): Array<{ field: LeadFieldInfo; width?: number }> {
  const byCode = new Map(fields.map((field) => [field.code, field]))
  return columns.flatMap((column) => {
    const field = byCode.get(column.code)
    return field ? [{ field, width: column.width }] : []
  })
}

/** A name not yet taken: "Copy of Hot leads", "Copy of Hot leads (2)", ... */
export function freeName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLocaleLowerCase()))
  if (!used.has(wanted.toLocaleLowerCase())) return wanted
  for (let number = 2; ; number++) {
    const candidate = `${wanted} (${number})`
    if (!used.has(candidate.toLocaleLowerCase())) return candidate
  }
}

/** Whether two settings show the same grid (the name aside). */
export function sameSettings(a: GridViewSettings, b: GridViewSettings): boolean {
  const { name: _a, ...left } = a
  const { name: _b, ...right } = b
  return JSON.stringify(left) === JSON.stringify(right)
}
