/**
 * `npm run bench`: the sync benchmark, the grid (store) benchmark and the grid in Chromium (which needs `npm run build`), each in its own process and both
 * given the same arguments (`npm run bench -- --leads 20000`).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const args = process.argv.slice(2).filter((arg) => arg !== '--')
for (const script of ['sync.bench.ts', 'grid.bench.ts', 'grid-browser.bench.ts']) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    stdio: 'inherit'
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
