import type { PortalClient } from '../portal-client'
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
import { asList, asMap } from './normalise'
import { readResult, writeResult, type RequestOptions } from './request'

/** SETTINGS of types without settings, and label maps, may arrive as `[]`: make them maps. */
function normaliseUserField<F>(raw: unknown): F {
  const field = raw as Record<string, unknown>
  field.SETTINGS = asMap(field.SETTINGS)
  for (const key of USER_FIELD_LABEL_KEYS) {
    if (typeof field[key] === 'object' && field[key] !== null) field[key] = asMap(field[key])
  }
  return field as F
}

/** `crm.lead.userfield.*` (docs/bitrix24-protocol.md §8.10). Writes need the CRM settings right. */
export function leadUserFieldsApi(client: PortalClient) {
  /**
   * Every matching field (no paging). Labels come only with `lang`, as text in that language;
   * without it they are absent.
   */
  function list(
    query: LeadUserFieldListQuery & { lang: string },
    options?: RequestOptions
  ): Promise<LeadUserFieldInLanguage[]>
  function list(query?: LeadUserFieldListQuery, options?: RequestOptions): Promise<LeadUserFieldSummary[]>
  async function list(
    query: LeadUserFieldListQuery & { lang?: string } = {},
    options?: RequestOptions
  ): Promise<Array<LeadUserFieldSummary | LeadUserFieldInLanguage>> {
    const filter = query.lang === undefined ? query.filter : { ...query.filter, LANG: query.lang }
    const result = await readResult(client, 'crm.lead.userfield.list', { filter, order: query.order }, options)
    return asList(result).map((field) => normaliseUserField(field))
  }

  return {
    /** Creates a field; answers its ID as a number. */
    add: (fields: NewLeadUserField, options?: RequestOptions): Promise<number> =>
      writeResult(client, 'crm.lead.userfield.add', { fields }, options),

    /** The field with labels as maps over every language. */
    get: async (id: EntityId, options?: RequestOptions): Promise<LeadUserField> =>
      normaliseUserField(await readResult(client, 'crm.lead.userfield.get', { id }, options)),

    list,

    update: (id: EntityId, fields: LeadUserFieldChanges, options?: RequestOptions): Promise<boolean> =>
      writeResult(client, 'crm.lead.userfield.update', { id, fields }, options),

    /** Deletes the field and its values in every lead. */
    delete: (id: EntityId, options?: RequestOptions): Promise<boolean> =>
      writeResult(client, 'crm.lead.userfield.delete', { id }, options)
  }
}

export type LeadUserFieldsApi = ReturnType<typeof leadUserFieldsApi>
