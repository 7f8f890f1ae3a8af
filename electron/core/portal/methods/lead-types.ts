import type {
  CrmText,
  ListQuery,
  MultifieldChanges,
  Multifields,
  MultifieldType,
  UserFieldValues,
  WriteValue
} from './crm-values'

/** The standard scalar columns of a lead (docs/bitrix24-protocol.md §7.2), without multifields. */
export const LEAD_SCALAR_FIELDS = [
  'ID',
  'TITLE',
  'HONORIFIC',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'BIRTHDATE',
  'COMPANY_TITLE',
  'SOURCE_ID',
  'SOURCE_DESCRIPTION',
  'STATUS_ID',
  'STATUS_DESCRIPTION',
  'STATUS_SEMANTIC_ID',
  'POST',
  'ADDRESS',
  'ADDRESS_2',
  'ADDRESS_CITY',
  'ADDRESS_POSTAL_CODE',
  'ADDRESS_REGION',
  'ADDRESS_PROVINCE',
  'ADDRESS_COUNTRY',
  'ADDRESS_COUNTRY_CODE',
  'ADDRESS_LOC_ADDR_ID',
  'CURRENCY_ID',
  'OPPORTUNITY',
  'IS_MANUAL_OPPORTUNITY',
  'OPENED',
  'COMMENTS',
  'HAS_PHONE',
  'HAS_EMAIL',
  'HAS_IMOL',
  'ASSIGNED_BY_ID',
  'CREATED_BY_ID',
  'MODIFY_BY_ID',
  'DATE_CREATE',
  'DATE_MODIFY',
  'COMPANY_ID',
  'CONTACT_ID',
  'IS_RETURN_CUSTOMER',
  'DATE_CLOSED',
  'ORIGINATOR_ID',
  'ORIGIN_ID',
  'UTM_SOURCE',
  'UTM_MEDIUM',
  'UTM_CAMPAIGN',
  'UTM_CONTENT',
  'UTM_TERM',
  'MOVED_BY_ID',
  'MOVED_TIME',
  'LAST_ACTIVITY_TIME',
  'LAST_ACTIVITY_BY'
] as const
export type LeadScalarField = (typeof LEAD_SCALAR_FIELDS)[number]

/** Computed or stamped by the portal: dropped silently when sent (§8.2). */
export const LEAD_READ_ONLY_FIELDS = [
  'ID',
  'STATUS_SEMANTIC_ID',
  'HAS_PHONE',
  'HAS_EMAIL',
  'HAS_IMOL',
  'CREATED_BY_ID',
  'MODIFY_BY_ID',
  'DATE_CREATE',
  'DATE_MODIFY',
  'IS_RETURN_CUSTOMER',
  'DATE_CLOSED',
  'MOVED_BY_ID',
  'MOVED_TIME',
  'LAST_ACTIVITY_TIME',
  'LAST_ACTIVITY_BY'
] as const satisfies readonly LeadScalarField[]
type LeadReadOnlyField = (typeof LEAD_READ_ONLY_FIELDS)[number]

/** Read-only fields that `crm.lead.add` sets in import mode (`params.IMPORT = 'Y'`, §8.1). */
type LeadImportField = 'DATE_CREATE' | 'DATE_MODIFY' | 'CREATED_BY_ID' | 'MODIFY_BY_ID'

/** Fields of relations to smart processes (`PARENT_ID_{entityTypeId}`), where configured. */
type ParentFields = { [field: `PARENT_ID_${number}`]: CrmText }

/**
 * A lead as `crm.lead.get` prints it: every scalar a string or null (dates ISO, `""` when empty),
 * multifield arrays only for types with values, every user field (values `unknown`, §6.6).
 */
export type Lead = { ID: string } & Record<Exclude<LeadScalarField, 'ID'>, CrmText> &
  Multifields &
  UserFieldValues &
  ParentFields

/** A row of `crm.lead.list`: the selected fields only, ID always. */
export type LeadListItem = Pick<Lead, 'ID'> & Partial<Lead>

/** What add/update accept: writable scalars (numbers where the portal casts), multifield changes, UF values. */
export type LeadChanges = Partial<Record<Exclude<LeadScalarField, LeadReadOnlyField>, WriteValue>> &
  MultifieldChanges & {
    /** Replaces every contact binding; the first is primary. Prefer the lead-contact methods. */
    CONTACT_IDS?: WriteValue[]
  } & UserFieldValues

/** What `crm.lead.add` accepts: in import mode also the creation and modification stamps. */
export type NewLead = LeadChanges & Partial<Record<LeadImportField, WriteValue>>

/** Names for `select`, `filter` and `order` of `crm.lead.list`. */
export type LeadField = LeadScalarField | MultifieldType | `UF_${string}`

/** `select` may also use the masks `*` (every standard column) and `UF_*` (every user field). */
export type LeadListQuery = ListQuery<LeadField, LeadField | '*'>

export interface LeadAddParams {
  /** 'Y': post to the activity stream and notify the responsible person. */
  REGISTER_SONET_EVENT?: 'Y' | 'N'
  /** 'Y': import mode; creation stamps may be set, no automation runs. */
  IMPORT?: 'Y' | 'N'
}

export interface LeadUpdateParams {
  REGISTER_SONET_EVENT?: 'Y' | 'N'
  /** 'N': no "field changed" records in the history (default 'Y'). */
  REGISTER_HISTORY_EVENT?: 'Y' | 'N'
}
