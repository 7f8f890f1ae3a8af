import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Credentials } from './credentials'
import type { LeadRecord } from './lead-store'
import { PortalState, type LayoutKey, type LayoutSection } from './portal'

const VERSION = 1

/** Everything needed to bring a portal back after a restart (the Demo portal keeps its edits). */
interface Snapshot {
  version: number
  settings: PortalState['settings']
  sequences: PortalState['sequences']
  users: PortalState['users']
  statuses: PortalState['statuses']
  userFields: PortalState['userFields']
  leads: LeadRecord[]
  productRows: Array<[number, unknown]>
  contactBindings: Array<[number, unknown]>
  contacts: Array<[number, unknown]>
  products: Array<[number, unknown]>
  layouts: Array<[LayoutKey, LayoutSection[]]>
  eventHandlers: PortalState['eventHandlers']
  /** Absent when the portal was saved without its credentials. */
  credentials?: {
    webhooks: Credentials['webhooks']
    apps: Credentials['apps']
    accessTokens: unknown[]
    refreshTokens: unknown[]
  }
}

export function toSnapshot(portal: PortalState, credentials: Credentials | undefined): Snapshot {
  return {
    version: VERSION,
    settings: portal.settings,
    sequences: portal.sequences,
    users: portal.users,
    statuses: portal.statuses,
    userFields: portal.userFields,
    leads: [...portal.leads.ascending()],
    productRows: [...portal.productRows],
    contactBindings: [...portal.contactBindings],
    contacts: [...portal.contacts],
    products: [...portal.products],
    layouts: [...portal.layouts],
    eventHandlers: portal.eventHandlers,
    credentials: credentials && {
      webhooks: credentials.webhooks,
      apps: credentials.apps,
      accessTokens: [...credentials.accessTokens.values()],
      refreshTokens: [...credentials.refreshTokens.values()]
    }
  }
}

/** Reads a snapshot file; undefined when there is none yet. A damaged file is an error, not a reset. */
export function readSnapshot(path: string): Snapshot | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const snapshot = JSON.parse(text) as Snapshot
  if (snapshot.version !== VERSION) throw new Error(`${path}: unsupported emulator data version ${snapshot.version}`)
  return snapshot
}

export function restoreSnapshot(snapshot: Snapshot, portal: PortalState, credentials: Credentials): void {
  Object.assign(portal.settings, snapshot.settings)
  portal.sequences = snapshot.sequences
  portal.users = snapshot.users
  portal.statuses = snapshot.statuses
  portal.userFields = snapshot.userFields
  portal.leads.clear()
  for (const lead of snapshot.leads) portal.leads.insert(lead)
  portal.productRows = new Map(snapshot.productRows as Array<[number, never]>)
  portal.contactBindings = new Map(snapshot.contactBindings as Array<[number, never]>)
  portal.contacts = new Map(snapshot.contacts as Array<[number, never]>)
  portal.products = new Map(snapshot.products as Array<[number, never]>)
  portal.layouts = new Map(snapshot.layouts)
  portal.eventHandlers = snapshot.eventHandlers
  if (!snapshot.credentials) return
  credentials.webhooks = snapshot.credentials.webhooks
  credentials.apps = snapshot.credentials.apps
  credentials.accessTokens = new Map(
    (snapshot.credentials.accessTokens as Array<{ token: string }>).map((t) => [t.token, t as never])
  )
  credentials.refreshTokens = new Map(
    (snapshot.credentials.refreshTokens as Array<{ token: string }>).map((t) => [t.token, t as never])
  )
}

export async function writeSnapshot(
  path: string,
  portal: PortalState,
  credentials: Credentials | undefined
): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(toSnapshot(portal, credentials)))
  await rename(temporary, path)
}
