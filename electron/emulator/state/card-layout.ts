import { crmError } from '../errors'
import { isMap } from '../methods/params'
import { phpText } from '../methods/php-values'
import { isPhpNumeric, isSet } from './userfield-normalize'
import type { LayoutKey, LayoutSection } from './portal'

/**
 * The lead card layout that `crm.lead.details.configuration.*` stores (docs/bitrix24-protocol.md §8.11):
 * where a layout is kept, and how `set` checks and sanitises the sent sections.
 */

/** The option a layout is kept under: normal leads or repeat ("returning") leads. */
export type LeadCardOption = 'lead_details' | 'returning_lead_details'

export function layoutKey(option: LeadCardOption, scope: 'C' | 'P', userId: number): LayoutKey {
  return scope === 'C' ? `${option}:C` : `${option}:P:${userId}`
}

/** Every personal layout of one option, whoever it belongs to. */
export function personalLayoutKeys(layouts: Map<LayoutKey, LayoutSection[]>, option: LeadCardOption): LayoutKey[] {
  return [...layouts.keys()].filter((key) => key.startsWith(`${option}:P:`))
}

/** A PHP array read by position: a list, or a map read by the keys "0", "1", ... as PHP does. */
function at(collection: unknown, index: number): Record<string, unknown> {
  const entry = Array.isArray(collection)
    ? collection[index]
    : isMap(collection)
      ? collection[String(index)]
      : undefined
  return isMap(entry) ? entry : {}
}

const sizeOf = (collection: unknown) =>
  Array.isArray(collection) ? collection.length : isMap(collection) ? Object.keys(collection).length : 0
const isBlank = (value: unknown) => phpText(value).trim() === ''

/** EntityEditorConfig::check: the first failing rule's message, in the portal's wording. */
function problemOf(sections: unknown[]): string | undefined {
  for (let i = 0; i < sections.length; i++) {
    const section = at(sections, i)
    const type = isSet(section.type) && !isBlank(section.type) ? phpText(section.type) : 'section'
    if (type !== 'section') return `Section at index ${i} have type '${type}'. The expected type is 'section'.`
    if (!isSet(section.name) || isBlank(section.name)) return `Section at index ${i} does not have name.`
    if (!isSet(section.title) || isBlank(section.title)) return `Section at index ${i} does not have title.`
    const elements = isMap(section.elements) || Array.isArray(section.elements) ? section.elements : []
    for (let j = 0; j < sizeOf(elements); j++) {
      const name = at(elements, j).name
      if (!isSet(name) || isBlank(name)) return `Element at index ${j} in section at index ${i} does not have name.`
    }
  }
  return undefined
}

/** EntityEditorConfig::sanitize: only type, name, title and the elements' name, optionFlags and options. */
function sanitized(sections: unknown[]): LayoutSection[] {
  return sections.map((_, i) => {
    const section = at(sections, i)
    const elements = Array.isArray(section.elements) || isMap(section.elements) ? section.elements : []
    const name = phpText(section.name)
    return {
      type: 'section',
      name,
      title: isSet(section.title) ? phpText(section.title) : name,
      elements: Array.from({ length: sizeOf(elements) }, (__, j) => {
        const element = at(elements, j)
        const kept: LayoutSection['elements'][number] = { name: phpText(element.name) }
        // optionFlags is echoed as sent (string or number) when numeric; that is UNCONFIRMED.
        if (isPhpNumeric(element.optionFlags)) kept.optionFlags = element.optionFlags
        if (isMap(element.options) || Array.isArray(element.options)) {
          kept.options = element.options as Record<string, unknown>
        }
        return kept
      })
    }
  })
}

/** The sections `set` stores, or the portal's error for the first rule the data breaks. */
export function checkedLayout(data: unknown): LayoutSection[] {
  if (!isMap(data) && !Array.isArray(data)) throw crmError("Parameter 'data' must be array.")
  if (sizeOf(data) === 0) throw crmError('There are no data to write.')
  if (!Array.isArray(data)) throw crmError('The data must be indexed array.')
  const problem = problemOf(data)
  if (problem) throw crmError(problem)
  return sanitized(data)
}
