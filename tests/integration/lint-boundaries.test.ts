import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../support/built-app'

/** The process boundaries of the architecture are lint errors, so a wrong import fails `npm run lint`. */
const eslint = new ESLint({ cwd: projectRoot })

async function restrictedImportErrors(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, relativePath) })
  return result!.messages
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message)
}

describe('import boundaries', () => {
  it.each([
    ['electron/core/portals/example.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['electron/core/example.ts', "import { ipcMain } from 'electron/main'\nexport const a = ipcMain\n"],
    ['electron/emulator/example.ts', "import { net } from 'electron'\nexport const a = net\n"],
    ['electron/contract/example.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['electron/core/example.ts', "import { openMainWindow } from '../main/window'\nexport const a = openMainWindow\n"],
    ['renderer/src/example.ts', "import { channels } from '../../electron/contract'\nexport const a = channels\n"],
    [
      'renderer/src/example.ts',
      "import { leadChannels } from '../../electron/contract/leads'\nexport const a = leadChannels\n"
    ],
    ['renderer/src/example.ts', "import { channels } from '@contract'\nexport const a = channels\n"],
    ['renderer/src/example.ts', "import { createApi } from '../../electron/core/api'\nexport const a = createApi\n"],
    ['renderer/src/example.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n"],
    ['renderer/src/example.ts', "import { readFile } from 'node:fs'\nexport const a = readFile\n"],
    // The core's layers: a lower folder never imports a higher one.
    [
      'electron/core/domain/example.ts',
      "import type { LeadStore } from '../store/lead-store'\nexport type A = LeadStore\n"
    ],
    ['electron/core/store/example.ts', "import { pushOutbox } from '../sync/push'\nexport const a = pushOutbox\n"],
    [
      'electron/core/sync/example.ts',
      "import { LeadsService } from '../leads/leads-service'\nexport const a = LeadsService\n"
    ],
    [
      'electron/core/portal/example.ts',
      "import { AppError } from '../domain/field-errors'\nexport const a = AppError\n"
    ],
    ['electron/core/store/example.ts', "import { app } from 'electron'\nexport const a = app\n"],
    // A folder's index is the folder too.
    ['electron/core/leads/example.ts', "import { createApi } from '../api'\nexport const a = createApi\n"],
    [
      'electron/core/portal/methods/example.ts',
      "import { LeadsService } from '../../leads'\nexport const a = LeadsService\n"
    ]
  ])('%s: a forbidden import is an error', async (path, code) => {
    expect(await restrictedImportErrors(path, code)).toHaveLength(1)
  })

  it.each([
    [
      'renderer/src/example.ts',
      "import type { WindowApi } from '../../electron/contract'\nexport type A = WindowApi\n"
    ],
    [
      'renderer/src/example.ts',
      "import { buildWindowApi } from '../../electron/api-shape'\nexport const a = buildWindowApi\n"
    ],
    ['electron/main/example.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['electron/core/example.ts', "import { z } from 'zod'\nexport const a = z\n"],
    [
      'electron/core/store/example.ts',
      "import { applyPatch } from '../domain/patch-ops'\nexport const a = applyPatch\n"
    ],
    [
      'electron/core/sync/example.ts',
      "import type { LeadStore } from '../store/lead-store'\nexport type A = LeadStore\n"
    ],
    [
      'electron/core/leads/example.ts',
      "import { SyncEngine } from '../sync/sync-engine'\nexport const a = SyncEngine\n"
    ]
  ])('%s: an allowed import passes', async (path, code) => {
    expect(await restrictedImportErrors(path, code)).toEqual([])
  })
})
