/** Saved views of the lead grid: columns, widths, filters, sort and search, kept per portal. */
import { z } from 'zod'
import { fieldCode, portalArgs, portalId } from './args'
import { channel } from './channel'
import { gridFilter, gridSort, MAX_SEARCH_CHARS } from './grid-query'

export const MAX_VIEWS = 100
export const MAX_VIEW_NAME_CHARS = 80
export const MAX_VIEW_COLUMNS = 300
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 1200
/** Columns that may stay in place while the rest scrolls sideways. */
export const MAX_PINNED_COLUMNS = 5

const viewName = z
  .string()
  .trim()
  .min(1, 'A view needs a name')
  .max(MAX_VIEW_NAME_CHARS, `A view name may hold at most ${MAX_VIEW_NAME_CHARS} characters`)

const viewColumn = z.strictObject({
  code: fieldCode,
  width: z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH).optional()
})

/** What a view holds, as the user set it up. */
export const gridViewSettings = z.strictObject({
  name: viewName,
  columns: z
    .array(viewColumn)
    .min(1, 'A view shows at least one column')
    .max(MAX_VIEW_COLUMNS)
    .refine((columns) => new Set(columns.map((column) => column.code)).size === columns.length, {
      message: 'A column appears twice in the view'
    }),
  pinned: z.number().int().min(0).max(MAX_PINNED_COLUMNS).default(0),
  filter: gridFilter.default([]),
  sort: gridSort.default([]),
  search: z.string().max(MAX_SEARCH_CHARS).default('')
})
export type GridViewSettings = z.output<typeof gridViewSettings>

/** A saved view: its settings and the id the app gave it. */
export type GridView = GridViewSettings & { id: string }

export interface SavedViews {
  views: GridView[]
  /** The view the grid opens with; absent: the app's own default columns. */
  defaultId?: string
}

const viewId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Not a view id')

export const viewChannels = {
  'views.list': channel<SavedViews>()(portalArgs),
  /** Saves a new view (no `id`) or replaces the settings of an existing one. */
  'views.save': channel<GridView>()(z.strictObject({ portalId, id: viewId.optional(), settings: gridViewSettings })),
  'views.remove': channel<SavedViews>()(z.strictObject({ portalId, id: viewId })),
  /** `id` absent: no saved view is the default. */
  'views.setDefault': channel<SavedViews>()(z.strictObject({ portalId, id: viewId.optional() }))
} as const
