import { join } from 'node:path'
import { z } from 'zod'
import type { PortalSummary } from '../../contract'
import { readJsonFile, writeJsonFile } from '../json-file'

const portalSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  authKind: z.enum(['webhook', 'oauth', 'demo']),
  color: z.string(),
  isProduction: z.boolean(),
  addedAt: z.string()
})
const fileSchema = z.object({ version: z.literal(1), portals: z.array(portalSchema) })

/**
 * The connected portals' metadata (never their secrets, which live in the SecretStore),
 * kept in `portals.json` in the app's data folder.
 */
export class PortalRegistry {
  private portals: PortalSummary[] | undefined
  private readonly path: string

  constructor(dataDir: string) {
    this.path = join(dataDir, 'portals.json')
  }

  async list(): Promise<PortalSummary[]> {
    this.portals ??= (await readJsonFile(this.path, fileSchema, { version: 1, portals: [] })).portals
    return this.portals.map((portal) => ({ ...portal }))
  }

  async get(id: string): Promise<PortalSummary | undefined> {
    return (await this.list()).find((portal) => portal.id === id)
  }

  async save(portal: PortalSummary): Promise<void> {
    const others = (await this.list()).filter((existing) => existing.id !== portal.id)
    await this.write([...others, portal])
  }

  async remove(id: string): Promise<boolean> {
    const portals = await this.list()
    const kept = portals.filter((portal) => portal.id !== id)
    if (kept.length === portals.length) return false
    await this.write(kept)
    return true
  }

  private async write(portals: PortalSummary[]): Promise<void> {
    await writeJsonFile(this.path, { version: 1, portals })
    this.portals = portals
  }
}
