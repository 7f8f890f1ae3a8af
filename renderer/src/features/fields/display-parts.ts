import type { CrmEntityType, LeadFieldInfo, LeadFieldItem } from '@contract'
import type { LocaleFormat } from '../../format/locale-format'
import { fieldKind, type FieldKind } from './field-kind'
import { calendarDay, elementsOf, isOn, parseBinding, parseMoney } from './field-values'

/** One shown piece of a value: several for multiple fields, phones, e-mails. */
export type ValuePart =
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'stage'; text: string; color?: string; semantics?: LeadFieldItem['semantics'] }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'record'; text: string; entityType: CrmEntityType; id: string }

export type Translate = (key: string, values?: Record<string, unknown>) => string

export interface DisplayContext {
  format: LocaleFormat
  t: Translate
  /** The lead's other values: an amount's currency is in one of them. */
  values?: Record<string, unknown>
}

const text = (value: string, muted?: boolean): ValuePart =>
  muted ? { kind: 'text', text: value, muted } : { kind: 'text', text: value }

function numberText(value: unknown, format: LocaleFormat, digits?: number): string {
  const number = Number(String(value).replace(',', '.'))
  return Number.isFinite(number) && String(value).trim() !== '' ? format.number(number, digits) : String(value)
}

function dateText(value: unknown, kind: 'date' | 'datetime', format: LocaleFormat): string {
  if (kind === 'date') {
    const day = calendarDay(value)
    return day ? format.date(day) : String(value)
  }
  const time = Date.parse(String(value))
  return Number.isNaN(time) ? String(value) : format.dateTime(time)
}

const MULTIFIELD_LINKS: Readonly<Record<string, (value: string) => string>> = {
  PHONE: (value) => `tel:${value.replace(/[^\d+]/g, '')}`,
  EMAIL: (value) => `mailto:${value}`,
  WEB: (value) => (/^https?:\/\//i.test(value) ? value : `https://${value}`)
}

function multifieldPart(element: unknown, field: LeadFieldInfo): ValuePart {
  const value = String(element && typeof element === 'object' && 'VALUE' in element ? element.VALUE : element).trim()
  const link = MULTIFIELD_LINKS[field.code]
  return link ? { kind: 'link', text: value, href: link(value) } : text(value)
}

function choicePart(element: unknown, field: LeadFieldInfo, kind: FieldKind, t: Translate): ValuePart {
  const item = field.items?.find((candidate) => candidate.value === String(element))
  if (kind === 'stage')
    return { kind: 'stage', text: item?.label ?? String(element), color: item?.color, semantics: item?.semantics }
  if (kind === 'user') {
    if (!item) return text(t('fields.user', { id: String(element) }))
    return item.inactive ? text(t('fields.inactiveUser', { name: item.label }), true) : text(item.label)
  }
  return text(item?.label ?? String(element))
}

function elementPart(element: unknown, field: LeadFieldInfo, kind: FieldKind, context: DisplayContext): ValuePart {
  const { format, t } = context
  switch (kind) {
    case 'stage':
    case 'choice':
    case 'user':
      return choicePart(element, field, kind, t)
    case 'money': {
      const { amount, currency } = parseMoney(element)
      const number = Number(amount)
      return text(amount !== '' && Number.isFinite(number) ? format.money(number, currency) : String(element))
    }
    case 'amount': {
      const currency = field.currencyField ? context.values?.[field.currencyField] : undefined
      const number = Number(element)
      if (!Number.isFinite(number)) return text(String(element))
      return text(currency ? format.money(number, String(currency)) : format.number(number))
    }
    case 'integer':
      return text(numberText(element, format, 0))
    case 'double':
      return text(numberText(element, format))
    case 'date':
    case 'datetime':
      return text(dateText(element, kind, format))
    case 'boolean':
      return text(t(isOn(element) ? 'fields.yes' : 'fields.no'))
    case 'multifield':
      return multifieldPart(element, field)
    case 'binding': {
      const record = parseBinding(element, field)
      if (!record) return text(String(element))
      return {
        kind: 'record',
        text: t(`fields.record.${record.type}`, { id: record.id }),
        entityType: record.type,
        id: record.id
      }
    }
    case 'url':
      return { kind: 'link', text: String(element), href: MULTIFIELD_LINKS.WEB!(String(element).trim()) }
    default:
      return text(String(element))
  }
}

/** Empty for the "no company" and "no user" the portal prints as 0. */
const isNoRecord = (element: unknown, kind: FieldKind) =>
  (kind === 'binding' || kind === 'user') && String(element) === '0'

/**
 * A field value as the user reads it, in the UI language: list values by label, users by name,
 * stages with their colour, amounts with their currency, dates and numbers formatted, phones and
 * e-mails as links, bound records as links. An empty value gives no parts.
 */
export function displayParts(value: unknown, field: LeadFieldInfo, context: DisplayContext): ValuePart[] {
  const kind = fieldKind(field)
  // A boolean userfield prints 0 for "no": a value, not an empty one.
  if (kind === 'boolean' && (value === 0 || value === false)) return [elementPart(value, field, kind, context)]
  return elementsOf(value)
    .filter((element) => !isNoRecord(element, kind))
    .map((element) => elementPart(element, field, kind, context))
}
