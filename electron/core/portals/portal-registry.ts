import { join } from 'node:path'
import { z } from 'zod'
import { KeyedQueue } from '../auth/secret-store'
import { readJsonFile, writeJsonFile } from '../json-file'
import { portalRecordSchema, type PortalRecord } from './portal-record'

const fileSchema = z.object({ version: z.literal(2), portals: z.array(portalRecordSchema) })

/**
 * The connected portals' metadata (never their secrets, which live in the SecretStore),
 * kept in `portals.json` in the app's data folder.
 */
export class PortalRegistry {
  private portals: PortalRecord[] | undefined
  private readonly path: string
  // Changes run one at a time, so two changes made at once never overwrite each other.
  private readonly changes = new KeyedQueue()

  constructor(dataDir: string) {
    this.path = join(dataDir, 'portals.json')
  }

  async list(): Promise<PortalRecord[]> {
    this.portals ??= (await readJsonFile(this.path, fileSchema, { version: 2, portals: [] })).portals
    return structuredClone(this.portals)
  }

  async get(id: string): Promise<PortalRecord | undefined> {
    return (await this.list()).find((portal) => portal.id === id)
  }

  save(portal: PortalRecord): Promise<void> {
    return this.changes.run('file', async () => {
      const portals = await this.list()
      const index = portals.findIndex((existing) => existing.id === portal.id)
      if (index === -1) portals.push(portal)
      else portals[index] = portal
      await this.write(portals)
    })
  }

  remove(id: string): Promise<boolean> {
    return this.changes.run('file', async () => {
      const portals = await this.list()
      const kept = portals.filter((portal) => portal.id !== id)
      if (kept.length === portals.length) return false
      await this.write(kept)
      return true
    })
  }

  private async write(portals: PortalRecord[]): Promise<void> {
    await writeJsonFile(this.path, { version: 2, portals })
    this.portals = portals
  }
}
