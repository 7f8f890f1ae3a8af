import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { z } from 'zod'
import { log } from './log'

/**
 * Reads a small JSON file checked by a schema. A missing file gives `fallback`; a file that is
 * broken is moved aside (never deleted, so nothing is lost) and `fallback` is used.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback
    throw error
  }
  try {
    return schema.parse(JSON.parse(text))
  } catch (error) {
    const aside = `${path}.broken-${Date.now()}`
    log.warn(`${path} could not be read and was moved to ${aside}`, error)
    await rename(path, aside)
    return fallback
  }
}

let writeCounter = 0

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  // A name of its own per write, so two writes at once never share a temporary file.
  const temporary = `${path}.${process.pid}.${++writeCounter}.tmp`
  await writeFile(temporary, JSON.stringify(value, null, 2), 'utf8')
  await rename(temporary, path)
}
