import { formatIso, parsePortalDate, type Clock } from '../clock'
import { isMap, phpInt } from '../methods/params'
import { phpText } from '../methods/php-values'
import { isSet, isYes, phpNumber } from './userfield-normalize'
import type { UserFieldType } from './userfield-types'

/**
 * SETTINGS of a lead user field per type (docs/bitrix24-protocol.md §8.10, UserFieldProxy add/update).
 * On add every listed key gets a value (given or default) and nothing else is kept; on update
 * only the listed keys that were sent change, the rest of the stored settings stay.
 */

type Settings = Record<string, unknown>

interface SettingRule {
  key: string
  /** The stored value on add; `raw` is undefined when the key was not sent. */
  onAdd: (raw: unknown, clock: Clock) => unknown
  /** The stored value on update (only called when the key was sent); defaults to `onAdd`. */
  onUpdate?: (raw: unknown, clock: Clock) => unknown
}

const given =
  (fallback: unknown) =>
  (raw: unknown): unknown =>
    isSet(raw) ? raw : fallback
const upperCaseOr =
  (fallback: string) =>
  (raw: unknown): string => {
    const text = phpText(raw)
    return text !== '' ? text.toUpperCase() : fallback
  }
const positiveOrOne = (raw: unknown): number => (phpInt(raw) > 0 ? phpInt(raw) : 1)
const yesNo = (raw: unknown): 'Y' | 'N' => (isYes(raw) ? 'Y' : 'N')

/**
 * date/datetime DEFAULT_VALUE: `{VALUE, TYPE: NONE|NOW|FIXED}`; a scalar means `{VALUE: x, TYPE: NONE}`.
 * Emulator choice: VALUE is kept in ISO form (the portal keeps its site format and prints ISO in list).
 */
function dateDefault(raw: unknown, clock: Clock, dateOnly: boolean): { VALUE: string; TYPE: string } {
  const value = isMap(raw) ? raw : isSet(raw) ? { VALUE: raw, TYPE: 'NONE' } : {}
  const text = phpText(value.VALUE)
  const time = text === '' ? undefined : parsePortalDate(text, clock.utcOffsetMinutes)
  const iso = time === undefined ? text : dateOnly ? clock.isoDate(time) : formatIso(time, clock.utcOffsetMinutes)
  return { VALUE: iso, TYPE: upperCaseOr('NONE')(value.TYPE) }
}

const iblockRules: SettingRule[] = [
  { key: 'IBLOCK_TYPE_ID', onAdd: given('') },
  { key: 'IBLOCK_ID', onAdd: (raw) => phpInt(raw), onUpdate: (raw) => Math.max(phpInt(raw), 0) },
  { key: 'DEFAULT_VALUE', onAdd: given('') },
  { key: 'DISPLAY', onAdd: upperCaseOr('LIST') },
  { key: 'LIST_HEIGHT', onAdd: positiveOrOne },
  { key: 'ACTIVE_FILTER', onAdd: yesNo }
]

const CRM_ENTITY_FLAGS = ['LEAD', 'CONTACT', 'COMPANY', 'DEAL'] as const

const RULES: Partial<Record<UserFieldType, SettingRule[]>> = {
  string: [
    { key: 'DEFAULT_VALUE', onAdd: given('') },
    { key: 'ROWS', onAdd: positiveOrOne, onUpdate: (raw) => Math.min(Math.max(phpInt(raw), 1), 50) }
  ],
  integer: [{ key: 'DEFAULT_VALUE', onAdd: given('') }],
  double: [
    { key: 'DEFAULT_VALUE', onAdd: given('') },
    // Emulator choice: a missing PRECISION is 2, like a negative one (PHP would store null).
    { key: 'PRECISION', onAdd: (raw) => (isSet(raw) && phpInt(raw) >= 0 ? phpInt(raw) : 2) }
  ],
  boolean: [
    { key: 'DEFAULT_VALUE', onAdd: (raw) => (phpNumber(raw) > 0 ? 1 : 0) },
    { key: 'DISPLAY', onAdd: upperCaseOr('CHECKBOX') }
  ],
  date: [{ key: 'DEFAULT_VALUE', onAdd: (raw, clock) => dateDefault(raw, clock, true) }],
  datetime: [{ key: 'DEFAULT_VALUE', onAdd: (raw, clock) => dateDefault(raw, clock, false) }],
  enumeration: [
    { key: 'DISPLAY', onAdd: upperCaseOr('LIST') },
    { key: 'LIST_HEIGHT', onAdd: positiveOrOne }
  ],
  iblock_section: iblockRules,
  iblock_element: iblockRules,
  crm_status: [{ key: 'ENTITY_TYPE', onAdd: given('') }],
  crm: CRM_ENTITY_FLAGS.map((key) => ({ key, onAdd: yesNo }))
}

/** The proxy's update switch has no `date` case: a date field's settings never change by REST. */
const NOT_UPDATABLE: UserFieldType[] = ['date']

/** The crm type's own PrepareSettings: a field bound to no entity type is bound to leads. */
function withCrmDefault(type: UserFieldType, settings: Settings): Settings {
  if (type !== 'crm' || CRM_ENTITY_FLAGS.some((key) => settings[key] === 'Y')) return settings
  return { ...settings, LEAD: 'Y' }
}

const sentSettings = (raw: unknown): Settings => (isMap(raw) ? raw : {})

/** SETTINGS of a new field: exactly the listed keys of its type. */
export function initialSettings(type: UserFieldType, raw: unknown, clock: Clock): Settings {
  const sent = sentSettings(raw)
  const settings = Object.fromEntries((RULES[type] ?? []).map((rule) => [rule.key, rule.onAdd(sent[rule.key], clock)]))
  return withCrmDefault(type, settings)
}

/** SETTINGS after an update: the stored ones with the sent listed keys merged in. */
export function updatedSettings(type: UserFieldType, stored: Settings, raw: unknown, clock: Clock): Settings {
  if (NOT_UPDATABLE.includes(type)) return stored
  const sent = sentSettings(raw)
  const settings = { ...stored }
  for (const rule of RULES[type] ?? []) {
    if (isSet(sent[rule.key])) settings[rule.key] = (rule.onUpdate ?? rule.onAdd)(sent[rule.key], clock)
  }
  return withCrmDefault(type, settings)
}
