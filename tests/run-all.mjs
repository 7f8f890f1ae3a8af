// The whole test suite in one command (`npm test`): lint, typecheck, build, then every vitest
// project (unit, integration, DOM and Chromium end-to-end). Prints one closing line
// `N passed, N failed` counting each test plus the lint, typecheck and build checks.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const tmp = join(root, 'tests', '.tmp')
const resultsFile = join(tmp, 'vitest-results.json')
mkdirSync(tmp, { recursive: true })
rmSync(resultsFile, { force: true })

const extraArgs = process.argv.slice(2)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

function run(label, command, args) {
  process.stdout.write(`\n=== ${label} ===\n`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  const ok = result.status === 0
  process.stdout.write(`=== ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===\n`)
  return ok
}

const checks = [
  ['lint', npm, ['run', 'lint']],
  ['typecheck', npm, ['run', 'typecheck']],
  ['build', npm, ['run', 'build']]
].map(([label, command, args]) => ({ label, ok: run(label, command, args) }))

const testsRan = run('tests (vitest: node, dom, e2e)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...extraArgs
])

let passed = checks.filter((check) => check.ok).length
let failed = checks.length - passed
let skipped = 0
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'))
  passed += results.numPassedTests
  failed += results.numFailedTests
  skipped += results.numPendingTests + (results.numTodoTests ?? 0)
  // A suite that failed to load has no failed tests in it; count it so it cannot hide.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length
} catch {
  failed += 1
  process.stdout.write('The test runner left no results file.\n')
}
if (!testsRan && failed === 0) failed = 1

const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
writeFileSync(join(tmp, 'summary.txt'), `${summary}\n`)
process.stdout.write(
  `\nFailed checks: ${
    checks
      .filter((c) => !c.ok)
      .map((c) => c.label)
      .join(', ') || 'none'
  }\n${summary}\n`
)
process.exit(failed === 0 ? 0 : 1)
