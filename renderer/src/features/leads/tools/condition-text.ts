import type { LeadFieldInfo } from '@contract'
import type { DisplayContext } from '../../fields/display-parts'
import { displayText } from '../../fields/display-text'
import { filterKind, operatorOf, takesNoValue } from './field-operators'
import type { ViewCondition } from './grid-view-state'

/**
 * A filter condition as the user reads it: "Stage is any of New, In work", "Amount from 1,000";
 * `title` is the field's name in the UI language.
 * The context's `t` gives the operator's words and yes/no in the UI language.
 */
export function conditionText(
  condition: ViewCondition,
  field: LeadFieldInfo | undefined,
  title: string,
  context: DisplayContext
): string {
  const words = (key: string) => context.t(key)
  const operator = operatorOf(condition.op)
  const said = operator ? words(`filters.op.${operator}`) : condition.op
  if (operator && takesNoValue(operator)) return `${title} ${said}`
  const values = Array.isArray(condition.value) ? condition.value : [condition.value]
  const shown = values.map((value) => valueText(value, field, context)).join(', ')
  return `${title} ${said} ${shown}`
}

function valueText(value: unknown, field: LeadFieldInfo | undefined, context: DisplayContext): string {
  if (!field) return String(value)
  const { format, t: words } = context
  const kind = filterKind(field)
  if (kind === 'boolean') return words(value === true || value === 'Y' || value === 1 ? 'filters.yes' : 'filters.no')
  if (kind === 'date') {
    const time = typeof value === 'number' ? value : Date.parse(String(value))
    return Number.isNaN(time) ? String(value) : format.date(time)
  }
  if (kind === 'number' && typeof value === 'number') return format.number(value)
  return displayText(value, field, context) || String(value)
}
