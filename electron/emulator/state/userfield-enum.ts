import { createHash } from 'node:crypto'
import { isMap, phpInt } from '../methods/params'
import { phpText } from '../methods/php-values'
import { isPhpNumeric, isSet, isYes } from './userfield-normalize'
import type { PortalState } from './portal'
import type { EnumItem, UserFieldDef } from './userfield-types'

/**
 * The LIST of an enumeration user field (docs/bitrix24-protocol.md §8.10): how UserFieldProxy prepares the
 * sent items, and how the main module's CUserFieldEnum::SetEnumValues checks and stores them.
 */

/** One prepared item, keyed like PHP does it: `n0`, `n1`, ... for new items, the ID for existing ones. */
export interface EnumChange {
  value: string
  sort?: number
  def?: 'Y' | 'N'
  xmlId?: string
  delete?: boolean
}
export type EnumChanges = Map<string, EnumChange>

/** New items without SORT get the column default of b_user_field_enum. */
const DEFAULT_ITEM_SORT = 500

const trimValue = (value: unknown) => phpText(value).replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '')

/**
 * The proxy's preparation of LIST. On add, items without VALUE are dropped and XML_ID/ID are not
 * read; on update, an item with an ID changes (or with DEL=Y deletes) that item. For a single-value
 * field, the first item with DEF=Y becomes the only default among the sent items.
 */
export function prepareEnumChanges(list: unknown, multiple: boolean, mode: 'add' | 'update'): EnumChanges {
  const changes: EnumChanges = new Map()
  const items = Array.isArray(list) ? list : isMap(list) ? Object.values(list) : []
  let counter = 0
  let defaultKey: string | undefined
  for (const item of items) {
    if (!isMap(item) || Object.keys(item).length === 0) continue
    const change: EnumChange = { value: trimValue(item.VALUE) }
    if (mode === 'add' && change.value === '') continue
    const xmlId = phpText(item.XML_ID)
    if (mode === 'update' && xmlId !== '') change.xmlId = xmlId
    const sort = isPhpNumeric(item.SORT) ? phpInt(item.SORT) : 0
    if (sort > 0) change.sort = sort
    const existingId = mode === 'update' && isPhpNumeric(item.ID) ? phpInt(item.ID) : 0
    const key = existingId > 0 ? String(existingId) : `n${counter++}`
    if (existingId > 0 && isYes(item.DEL)) change.delete = true
    if (isSet(item.DEF)) {
      if (multiple) change.def = isYes(item.DEF) ? 'Y' : 'N'
      else if (isYes(item.DEF)) defaultKey ??= key
    }
    changes.set(key, change)
  }
  if (!multiple && defaultKey !== undefined) {
    for (const [key, change] of changes) change.def = key === defaultKey ? 'Y' : 'N'
  }
  return changes
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex')
const isNewItem = (key: string, change: EnumChange) => key.startsWith('n') && !change.delete && change.value !== ''
const removesItem = (change: EnumChange) => change.value === '' || change.delete === true
/** SetEnumValues rewrites an existing item unless every column was sent and equals the stored one. */
const rewritesItem = (item: EnumItem, change: EnumChange) =>
  change.sort !== item.sort ||
  change.def !== (item.def ? 'Y' : 'N') ||
  change.xmlId !== item.xmlId ||
  change.value !== item.value

/** The items in the order the main module reads them (SORT, then ID). */
export const sortedItems = (items: EnumItem[]): EnumItem[] => [...items].sort((a, b) => a.sort - b.sort || a.id - b.id)

/**
 * CUserFieldEnum::SetEnumValues: checks XML_ID uniqueness against the stored items and the batch,
 * then stores. Returns the error messages (nothing is stored then), or [] after storing.
 * New items without XML_ID get md5(salt + VALUE) with one salt per call, as the portal does, so two
 * new items with the same VALUE collide; a rewritten item without XML_ID gets md5(VALUE).
 */
export function setEnumValues(portal: PortalState, field: UserFieldDef, changes: EnumChanges): string[] {
  const salt = String(portal.nextId('enumXmlIdSalt'))
  const taken = new Set<string>()
  const errors: string[] = []
  const claim = (xmlId: string, alreadyStored: boolean) => {
    if (taken.has(xmlId) || alreadyStored) errors.push(`List element with XML_ID=${xmlId} already exists.`)
    else taken.add(xmlId)
  }
  for (const [key, change] of changes) {
    if (!isNewItem(key, change)) continue
    change.xmlId ??= md5(salt + change.value)
    claim(
      change.xmlId,
      field.list.some((item) => item.xmlId === change.xmlId)
    )
  }
  const rewritten = new Map<EnumItem, string>()
  for (const item of sortedItems(field.list)) {
    const change = changes.get(String(item.id))
    if (!change || removesItem(change) || !rewritesItem(item, change)) continue
    const xmlId = change.xmlId ?? md5(change.value)
    rewritten.set(item, xmlId)
    if (item.xmlId === xmlId) taken.add(xmlId)
    else
      claim(
        xmlId,
        field.list.some((other) => other.xmlId === xmlId)
      )
  }
  if (errors.length > 0) return errors

  const kept: EnumItem[] = []
  for (const item of field.list) {
    const change = changes.get(String(item.id))
    if (change && removesItem(change)) continue
    const xmlId = rewritten.get(item)
    if (change && xmlId !== undefined) {
      Object.assign(item, { value: change.value, xmlId, sort: change.sort ?? item.sort })
      if (change.def) item.def = change.def === 'Y'
    }
    kept.push(item)
  }
  for (const [key, change] of changes) {
    if (!isNewItem(key, change)) continue
    kept.push({
      id: portal.nextId('enumItem'),
      value: change.value,
      sort: change.sort ?? DEFAULT_ITEM_SORT,
      def: change.def === 'Y',
      xmlId: change.xmlId ?? ''
    })
  }
  field.list = kept
  return []
}
