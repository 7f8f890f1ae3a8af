import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const projectRoot = join(import.meta.dirname, '..', '..')
export const outDir = join(projectRoot, 'out')

/** Fails with a clear message when a test needs the build and it is not there. */
export function requireBuilt(relative: string): string {
  const path = join(outDir, relative)
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does).`)
  return path
}
