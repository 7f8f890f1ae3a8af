import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PortalRegistry } from '../../../electron/core/portals/portal-registry'
import { makeTempDir, webhookRecord } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

const portal = (id: string) =>
  webhookRecord({
    id,
    name: `Portal ${id}`,
    domain: `${id}.bitrix24.com`,
    isProduction: false,
    connection: { kind: 'webhook', origin: `https://${id}.bitrix24.com`, userId: 1 }
  })

describe('PortalRegistry', () => {
  it('starts empty and keeps portals across instances', async () => {
    const registry = new PortalRegistry(temp.dir)
    expect(await registry.list()).toEqual([])
    await registry.save(portal('a'))
    await registry.save(portal('b'))
    await registry.save({ ...portal('a'), name: 'Renamed' })
    const reopened = new PortalRegistry(temp.dir)
    // A changed portal keeps its place in the list.
    expect((await reopened.list()).map((p) => [p.id, p.name])).toEqual([
      ['a', 'Renamed'],
      ['b', 'Portal b']
    ])
    expect(await reopened.remove('b')).toBe(true)
    expect(await reopened.remove('b')).toBe(false)
    expect((await new PortalRegistry(temp.dir).list()).map((p) => p.id)).toEqual(['a'])
  })

  it('keeps exactly the record fields (no secret has a place in it)', async () => {
    await new PortalRegistry(temp.dir).save(portal('a'))
    const saved = JSON.parse(await readFile(join(temp.dir, 'portals.json'), 'utf8'))
    expect(saved).toEqual({ version: 2, portals: [portal('a')] })
  })

  it('moves a broken file aside instead of losing it, and starts empty', async () => {
    await writeFile(join(temp.dir, 'portals.json'), '{"version":1,"portals":[{"id":')
    expect(await new PortalRegistry(temp.dir).list()).toEqual([])
    const files = await readdir(temp.dir)
    expect(files.some((name) => name.startsWith('portals.json.broken-'))).toBe(true)
  })

  it('returns copies, so callers cannot change the stored list by accident', async () => {
    const registry = new PortalRegistry(temp.dir)
    await registry.save(portal('a'))
    const [first] = await registry.list()
    first!.name = 'changed'
    expect((await registry.get('a'))?.name).toBe('Portal a')
  })
})

describe('PortalRegistry under concurrent changes', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>
  beforeEach(async () => (dir = await makeTempDir()))
  afterEach(() => dir.cleanup())

  it('keeps every one of many changes made at the same moment', async () => {
    const registry = new PortalRegistry(dir.dir)
    await Promise.all(Array.from({ length: 20 }, (_, i) => registry.save(portal(`p${i}`))))
    await Promise.all([registry.remove('p3'), registry.save({ ...portal('p4'), name: 'Renamed' })])
    const reopened = await new PortalRegistry(dir.dir).list()
    expect(reopened).toHaveLength(19)
    expect(reopened.find((p) => p.id === 'p4')?.name).toBe('Renamed')
  })
})
