import type { LeadStore } from '../../electron/core/store/lead-store'
import { checkMetadataPart } from '../../electron/core/metadata/metadata-checks'
import type { MetadataPart } from '../../electron/core/metadata/portal-metadata'

/** Stores test metadata written as the portal prints it; fails when the checks would drop any of it. */
export function storeMetadata(store: LeadStore, part: MetadataPart, raw: unknown): void {
  const { value, dropped } = checkMetadataPart(part, raw)
  if (dropped.length) throw new Error(`Test metadata was dropped: ${JSON.stringify(dropped)}`)
  store.setMetadata(part, value)
}
