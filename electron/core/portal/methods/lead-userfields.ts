import type { PortalClient } from '../portal-client'
import { readCommand, runCommand, writeCommand, type PortalCommand, type RequestOptions } from './command'
import type { EntityId } from './crm-values'
import {
  USER_FIELD_LABEL_KEYS,
  type LeadUserField,
  type LeadUserFieldChanges,
  type LeadUserFieldInLanguage,
  type LeadUserFieldListQuery,
  type LeadUserFieldSummary,
  type NewLeadUserField
} from './lead-userfield-types'
import { asList, asMap, isObject } from './normalise'

/** SETTINGS of types without settings, and label maps, may arrive as `[]`: make them maps. */
function normaliseUserField<F>(raw: unknown): F {
  // Something that is not a field is left as it is, for the caller's checks to refuse.
  if (!isObject(raw)) return raw as F
  const field = raw as Record<string, unknown>
  field.SETTINGS = asMap(field.SETTINGS)
  for (const key of USER_FIELD_LABEL_KEYS) {
    if (typeof field[key] === 'object' && field[key] !== null) field[key] = asMap(field[key])
  }
  return field as F
}

const normaliseUserFields = <F>(raw: unknown): F[] => asList(raw).map((field) => normaliseUserField<F>(field))

/**
 * Every matching field (no paging). Labels come only with `lang`, as text in that language;
 * without it they are absent.
 */
function listCommand(query: LeadUserFieldListQuery & { lang: string }): PortalCommand<LeadUserFieldInLanguage[]>
function listCommand(query?: LeadUserFieldListQuery): PortalCommand<LeadUserFieldSummary[]>
function listCommand(
  query: LeadUserFieldListQuery & { lang?: string } = {}
): PortalCommand<Array<LeadUserFieldSummary | LeadUserFieldInLanguage>> {
  const filter = query.lang === undefined ? query.filter : { ...query.filter, LANG: query.lang }
  return readCommand(
    'crm.lead.userfield.list',
    { filter, order: query.order },
    normaliseUserFields<LeadUserFieldSummary | LeadUserFieldInLanguage>
  )
}

/** `crm.lead.userfield.*` (docs/bitrix24-protocol.md §8.10). Writes need the CRM settings right. */
export const userFieldCommands = {
  /** Creates a field; answers its ID as a number. */
  add: (fields: NewLeadUserField) => writeCommand<number>('crm.lead.userfield.add', { fields }),

  /** The field with labels as maps over every language. */
  get: (id: EntityId) => readCommand('crm.lead.userfield.get', { id }, normaliseUserField<LeadUserField>),

  list: listCommand,

  update: (id: EntityId, fields: LeadUserFieldChanges) =>
    writeCommand<boolean>('crm.lead.userfield.update', { id, fields }),

  /** Deletes the field and its values in every lead. */
  delete: (id: EntityId) => writeCommand<boolean>('crm.lead.userfield.delete', { id })
}

/** The user-field commands, each sent on its own. */
export function leadUserFieldsApi(client: PortalClient) {
  function list(
    query: LeadUserFieldListQuery & { lang: string },
    options?: RequestOptions
  ): Promise<LeadUserFieldInLanguage[]>
  function list(query?: LeadUserFieldListQuery, options?: RequestOptions): Promise<LeadUserFieldSummary[]>
  function list(
    query: LeadUserFieldListQuery & { lang?: string } = {},
    options?: RequestOptions
  ): Promise<Array<LeadUserFieldSummary | LeadUserFieldInLanguage>> {
    return runCommand(client, listCommand(query), options)
  }

  return {
    add: (fields: NewLeadUserField, options?: RequestOptions): Promise<number> =>
      runCommand(client, userFieldCommands.add(fields), options),

    get: (id: EntityId, options?: RequestOptions): Promise<LeadUserField> =>
      runCommand(client, userFieldCommands.get(id), options),

    list,

    update: (id: EntityId, fields: LeadUserFieldChanges, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, userFieldCommands.update(id, fields), options),

    delete: (id: EntityId, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, userFieldCommands.delete(id), options)
  }
}

export type LeadUserFieldsApi = ReturnType<typeof leadUserFieldsApi>
