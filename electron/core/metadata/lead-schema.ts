import type { LeadSchema } from '../domain/field-shapes'
import type { PortalMetadata } from './portal-metadata'

/**
 * What the domain's value rules (equality, merging, checks) need to know about the portal: its
 * userfields' types, so "5" and 5 in an integer userfield are one value.
 */
export function leadSchemaOf(metadata: Pick<PortalMetadata, 'userFields'>): LeadSchema {
  return { userFields: metadata.userFields ?? [] }
}
