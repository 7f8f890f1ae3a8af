import type { LeadFieldInfo } from '@contract'
import { displayParts, type DisplayContext } from './display-parts'

/** A field value as plain text in the UI language (its parts joined); '' when empty. */
export function displayText(value: unknown, field: LeadFieldInfo, context: DisplayContext): string {
  return displayParts(value, field, context)
    .map((part) => part.text)
    .join(', ')
}
