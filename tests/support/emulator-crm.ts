import { expect } from 'vitest'
import type { Emulator } from '../../electron/emulator/emulator'
import { admin, call } from './emulator'

/** The frozen portal time of the CRM test files, and how the portal prints it. */
export const FROZEN_AT = '2026-03-10T09:15:00Z'
export const NOW = '2026-03-10T12:15:00+03:00'
export const LONG_AGO = '2020-01-01T10:00:00+03:00'

export async function freezeClock(emulator: Emulator): Promise<void> {
  await admin(emulator, 'clock', { set: FROZEN_AT, freeze: true, utcOffsetMinutes: 180 })
}

/**
 * A lead put straight into the portal state (independent of crm.lead.add), last modified long
 * ago by user 1 and assigned to user 1 unless `values` say otherwise.
 */
export function insertLead(emulator: Emulator, values: Record<string, string | null> = {}): number {
  const id = emulator.portal.nextId('lead')
  emulator.portal.leads.insert({
    id,
    values: {
      ID: String(id),
      TITLE: 'x',
      ASSIGNED_BY_ID: '1',
      OPPORTUNITY: '0.00',
      IS_MANUAL_OPPORTUNITY: 'N',
      COMPANY_ID: null,
      CONTACT_ID: null,
      IS_RETURN_CUSTOMER: 'N',
      DATE_MODIFY: LONG_AGO,
      MODIFY_BY_ID: '1',
      ...values
    },
    uf: {},
    multi: []
  })
  return id
}

export const leadValues = (emulator: Emulator, id: number) => emulator.portal.leads.get(id)!.values

export interface ExpectedError {
  status: number
  error: string
  description: string
}

/** Calls a method and expects exactly this error envelope. */
export async function expectError(
  emulator: Emulator,
  method: string,
  params: Record<string, unknown>,
  expected: ExpectedError,
  userId = 1
): Promise<void> {
  const reply = await call(emulator, method, params, { userId })
  expect(reply).toEqual({
    status: expected.status,
    body: { error: expected.error, error_description: expected.description }
  })
}

/** A plain CRM error: code "", HTTP 400. */
export const crmFailure = (description: string): ExpectedError => ({ status: 400, error: '', description })

/** Runs `body` while user `userId` has the given CRM access, then restores it. */
export async function withLeadAccess(
  emulator: Emulator,
  userId: number,
  leadAccess: 'all' | 'own' | 'none',
  body: () => Promise<void>
) {
  const before = emulator.portal.user(userId)!.leadAccess
  await admin(emulator, 'users', { id: userId, leadAccess })
  try {
    await body()
  } finally {
    await admin(emulator, 'users', { id: userId, leadAccess: before })
  }
}

/**
 * Binds a handler for `event` (pointing at the emulator itself, whose answer does not matter) and
 * returns a reader of the IDs the portal has announced for it since.
 */
export function watchEvent(emulator: Emulator, event: string): () => string[] {
  const handlerId = emulator.portal.eventHandlers.length + 1000
  emulator.portal.eventHandlers.push({
    id: handlerId,
    event,
    handler: `${emulator.url}/_emulator/event-sink`,
    authType: 0,
    eventType: 'online',
    owner: 'webhook:1:test'
  })
  const already = emulator.events.deliveries.length
  return () =>
    emulator.events.deliveries
      .slice(already)
      .filter((delivery) => delivery.handlerId === handlerId)
      .map((delivery) => String((delivery.body.data as { FIELDS: { ID: unknown } }).FIELDS.ID))
}
