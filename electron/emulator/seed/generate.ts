import type { PortalState } from '../state/portal'

export interface SeedOptions {
  leads: number
  seed: number
}

/** Fills a portal with realistic data. */
export function generatePortalData(portal: PortalState, options: SeedOptions): void {
  if (options.leads > 0) throw new Error(`Seeding ${options.leads} leads is not available yet`)
  void portal
}
