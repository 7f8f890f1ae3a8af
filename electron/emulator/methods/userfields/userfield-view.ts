import { sortedItems } from '../../state/userfield-enum'
import { LEAD_UF_ENTITY } from '../../state/userfield-normalize'
import { LABEL_KEYS, type UserFieldDef } from '../../state/userfield-types'

/**
 * A lead user field as `crm.lead.userfield.get/list` print it (docs/bitrix24-protocol.md §8.10): scalars as
 * strings, Y/N flags, SETTINGS as stored, LIST only for enumeration fields.
 */

/** How labels appear: maps over every language (get), one language's text (list with LANG), or not at all. */
export type LabelMode = { kind: 'maps' } | { kind: 'language'; lang: string } | { kind: 'none' }

const flag = (value: boolean) => (value ? 'Y' : 'N')

function labels(field: UserFieldDef, mode: LabelMode): Record<string, unknown> {
  if (mode.kind === 'none') return {}
  return Object.fromEntries(
    LABEL_KEYS.map((key) => {
      const map = field.labels[key]
      // A language without a row comes back as NULL from the portal's LEFT JOIN.
      return [key, mode.kind === 'maps' ? { ...map } : (map[mode.lang] ?? null)]
    })
  )
}

export function userFieldView(field: UserFieldDef, mode: LabelMode): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ID: String(field.id),
    ENTITY_ID: LEAD_UF_ENTITY,
    FIELD_NAME: field.fieldName,
    USER_TYPE_ID: field.userTypeId,
    XML_ID: field.xmlId,
    SORT: String(field.sort),
    MULTIPLE: flag(field.multiple),
    MANDATORY: flag(field.mandatory),
    SHOW_FILTER: field.showFilter,
    SHOW_IN_LIST: flag(field.showInList),
    EDIT_IN_LIST: flag(field.editInList),
    IS_SEARCHABLE: flag(field.isSearchable),
    SETTINGS: structuredClone(field.settings),
    ...labels(field, mode)
  }
  if (field.userTypeId === 'enumeration') {
    view.LIST = sortedItems(field.list).map((item) => ({
      ID: String(item.id),
      SORT: String(item.sort),
      VALUE: item.value,
      DEF: flag(item.def),
      XML_ID: item.xmlId
    }))
  }
  return view
}
