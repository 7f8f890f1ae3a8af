import type { GridView, GridViewSettings, SavedViews } from '@contract'
import { computed, ref, watch } from 'vue'
import { unwrap, useApi } from '../../../api/client'
import { defaultSettings, freeName, sameSettings, settingsOf } from './grid-view-state'

/**
 * The grid's current settings (columns, widths, pinned columns, filter, sort, search) and the
 * portal's saved views: the grid opens with the default view, a saved view can be chosen, and the
 * current settings can be saved to it or as a new one. `defaultName` names the app's own view.
 */
export function useGridView(portalId: () => string | undefined, defaultName: () => string) {
  const saved = ref<SavedViews>({ views: [] })
  const activeId = ref<string>()
  const settings = ref<GridViewSettings>(defaultSettings(defaultName()))
  const problem = ref<unknown>()

  const active = computed(() => saved.value.views.find((view) => view.id === activeId.value))
  /** The settings differ from the active saved view (or from the app's default). */
  const modified = computed(
    () => !sameSettings(settings.value, active.value ? settingsOf(active.value) : defaultSettings(defaultName()))
  )

  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work()
      problem.value = undefined
      return result
    } catch (error) {
      problem.value = error
      return undefined
    }
  }

  /** Loads the portal's views and shows its default one. */
  async function load(): Promise<void> {
    const id = portalId()
    if (!id) return
    const views = await attempt(() => unwrap(useApi().views.list({ portalId: id })))
    if (!views) return
    saved.value = views
    choose(views.defaultId)
  }

  /** Shows a saved view (undefined: the app's default columns). */
  function choose(id: string | undefined): void {
    const view = saved.value.views.find((candidate) => candidate.id === id)
    activeId.value = view?.id
    settings.value = view ? settingsOf(view) : defaultSettings(defaultName())
  }

  async function write(id: string | undefined, next: GridViewSettings): Promise<GridView | undefined> {
    const portal = portalId()
    if (!portal) return undefined
    const view = await attempt(() => unwrap(useApi().views.save({ portalId: portal, id, settings: next })))
    if (!view) return undefined
    const others = saved.value.views.filter((candidate) => candidate.id !== view.id)
    const index = saved.value.views.findIndex((candidate) => candidate.id === view.id)
    const views = index < 0 ? [...others, view] : saved.value.views.map((old) => (old.id === view.id ? view : old))
    saved.value = { ...saved.value, views }
    return view
  }

  /** Saves the current settings into the active view. */
  async function saveActive(): Promise<boolean> {
    if (!active.value) return false
    return (await write(active.value.id, { ...settings.value, name: active.value.name })) !== undefined
  }

  /** Saves the current settings as a new view and shows it. */
  async function saveAs(name: string): Promise<boolean> {
    const view = await write(undefined, { ...settings.value, name })
    if (view) choose(view.id)
    return view !== undefined
  }

  async function rename(id: string, name: string): Promise<boolean> {
    const view = saved.value.views.find((candidate) => candidate.id === id)
    if (!view) return false
    const renamed = await write(id, { ...settingsOf(view), name })
    if (renamed && id === activeId.value) settings.value = { ...settings.value, name }
    return renamed !== undefined
  }

  async function duplicate(id: string, copyName: (name: string) => string): Promise<boolean> {
    const view = saved.value.views.find((candidate) => candidate.id === id)
    if (!view) return false
    const name = freeName(
      copyName(view.name),
      saved.value.views.map((other) => other.name)
    )
    const copy = await write(undefined, { ...settingsOf(view), name })
    if (copy) choose(copy.id)
    return copy !== undefined
  }

  async function remove(id: string): Promise<boolean> {
    const portal = portalId()
    if (!portal) return false
    const views = await attempt(() => unwrap(useApi().views.remove({ portalId: portal, id })))
    if (!views) return false
    saved.value = views
    if (activeId.value === id) choose(undefined)
    return true
  }

  async function setDefault(id: string | undefined): Promise<boolean> {
    const portal = portalId()
    if (!portal) return false
    const views = await attempt(() => unwrap(useApi().views.setDefault({ portalId: portal, id })))
    if (views) saved.value = views
    return views !== undefined
  }

  watch(portalId, () => void load(), { immediate: true })

  return {
    saved,
    activeId,
    active,
    settings,
    modified,
    problem,
    load,
    choose,
    saveActive,
    saveAs,
    rename,
    duplicate,
    remove,
    setDefault
  }
}

export type GridViewControl = ReturnType<typeof useGridView>
