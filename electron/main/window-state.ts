import { z } from 'zod'
import { readJsonFile, writeJsonFile } from '../core/json-file'

const rectangleSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive()
})
export type Rectangle = z.infer<typeof rectangleSchema>

const windowStateSchema = z.object({ bounds: rectangleSchema, maximized: z.boolean() })
export type WindowState = z.infer<typeof windowStateSchema>

export const DEFAULT_SIZE = { width: 1280, height: 800 }
export const MIN_SIZE = { width: 900, height: 600 }

export function readWindowState(path: string): Promise<WindowState | null> {
  return readJsonFile(path, windowStateSchema.nullable(), null)
}

export function writeWindowState(path: string, state: WindowState): Promise<void> {
  return writeJsonFile(path, state)
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * Where to open the window: the saved bounds if they are still mostly on a connected display
 * (a monitor may have been unplugged), shrunk to fit that display; otherwise the default size,
 * left for the system to place.
 */
export function restoreBounds(saved: Rectangle | undefined, workAreas: Rectangle[]): Partial<Rectangle> {
  if (!saved) return { ...DEFAULT_SIZE }
  const best = workAreas
    .map((area) => ({ area, overlap: overlapArea(saved, area) }))
    .sort((a, b) => b.overlap - a.overlap)[0]
  if (!best) return { ...DEFAULT_SIZE }
  const { area, overlap } = best
  // "Mostly visible": half of the window, or half of the display for a window larger than it.
  if (overlap < Math.min(saved.width * saved.height, area.width * area.height) / 2) return { ...DEFAULT_SIZE }
  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, area.width))
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, area.height))
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height)
  return { x, y, width, height }
}
