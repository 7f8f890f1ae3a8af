import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { MAX_VIEWS, type GridView, type GridViewSettings, type SavedViews } from '../../contract'
import { gridViewSettings } from '../../contract/views'
import { AppError } from '../errors'
import { readJsonFile, writeJsonFile } from '../json-file'
import type { PortalService } from '../portals/portal-service'
import { portalDataDir } from '../workspaces/portal-workspaces'

const storedViews = z.strictObject({
  views: z.array(z.intersection(gridViewSettings, z.strictObject({ id: z.string().min(1) }))).max(MAX_VIEWS),
  defaultId: z.string().optional()
})

/**
 * The grid views a user saved for a portal, in a file of the portal's folder (so they go when the
 * portal is removed). Changes to one portal's views run one after another: two saves at once never
 * lose one of them.
 */
export class SavedViewsService {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly dataDir: string,
    private readonly portals: Pick<PortalService, 'record'>
  ) {}

  async list(portalId: string): Promise<SavedViews> {
    await this.portals.record(portalId)
    return this.read(portalId)
  }

  save(portalId: string, id: string | undefined, settings: GridViewSettings): Promise<GridView> {
    return this.change(portalId, (saved) => {
      const view: GridView = { ...settings, id: id ?? randomUUID() }
      const sameName = saved.views.find((other) => other.id !== view.id && sameText(other.name, view.name))
      if (sameName) throw new AppError('INVALID_ARGUMENT', `A view named "${sameName.name}" exists already`)
      const index = id === undefined ? -1 : saved.views.findIndex((other) => other.id === id)
      if (id !== undefined && index < 0) throw notFound(id)
      if (index < 0 && saved.views.length >= MAX_VIEWS) {
        throw new AppError('INVALID_ARGUMENT', `A portal keeps at most ${MAX_VIEWS} views; delete one first`)
      }
      const views = index < 0 ? [...saved.views, view] : saved.views.map((other, at) => (at === index ? view : other))
      return { saved: { ...saved, views }, result: view }
    })
  }

  remove(portalId: string, id: string): Promise<SavedViews> {
    return this.change(portalId, (saved) => {
      if (!saved.views.some((view) => view.id === id)) throw notFound(id)
      const views = saved.views.filter((view) => view.id !== id)
      const next: SavedViews = saved.defaultId === id ? { views } : { ...saved, views }
      return { saved: next, result: next }
    })
  }

  setDefault(portalId: string, id: string | undefined): Promise<SavedViews> {
    return this.change(portalId, (saved) => {
      if (id !== undefined && !saved.views.some((view) => view.id === id)) throw notFound(id)
      const next: SavedViews = id === undefined ? { views: saved.views } : { ...saved, defaultId: id }
      return { saved: next, result: next }
    })
  }

  private path(portalId: string): string {
    return join(portalDataDir(this.dataDir, portalId), 'views.json')
  }

  private read(portalId: string): Promise<SavedViews> {
    return readJsonFile<SavedViews>(this.path(portalId), storedViews, { views: [] })
  }

  private change<T>(portalId: string, apply: (saved: SavedViews) => { saved: SavedViews; result: T }): Promise<T> {
    const previous = this.queues.get(portalId) ?? Promise.resolve()
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await this.portals.record(portalId)
        const { saved, result } = apply(await this.read(portalId))
        await writeJsonFile(this.path(portalId), saved)
        return result
      })
    this.queues.set(portalId, next)
    return next
  }
}

const sameText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0
const notFound = (id: string) => new AppError('NOT_FOUND', `No saved view has the id ${id}`)
