import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../support/built-app'

// js-yaml comes with electron-builder, which reads the same file with it.
const require = createRequire(import.meta.url)
const yaml = require('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  asar?: unknown
  electronFuses?: Record<string, unknown>
}

const config = yaml.load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig

/** The option names the installed electron-builder accepts under `electronFuses`. */
function knownFuseOptions(): string[] {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } }
  }
  return Object.keys(schema.definitions.FuseOptionsV1.properties)
}

describe('electron-builder.yml', () => {
  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('names only fuses electron-builder knows (a misspelt one would be ignored)', () => {
    const known = knownFuseOptions()
    expect(known).toContain('runAsNode')
    for (const option of Object.keys(config.electronFuses ?? {})) expect(known, option).toContain(option)
  })

  it('packs the app into an asar archive', () => {
    expect(config.asar).toBe(true)
  })
})
