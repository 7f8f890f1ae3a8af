import { batchMethods } from './batch'
import type { MethodDefinition, MethodTable } from './context'
import { eventMethods } from './events/event-methods'
import { crmSettingsMethods } from './portal/crm-settings-methods'
import { portalMethods } from './portal/portal-methods'
import { userMethods } from './users/user-methods'
import { statusMethods } from './crm-status'
import { leadMethods } from './leads/lead-methods'
import { leadUserFieldMethods } from './lead-userfields'
import { leadDetailsConfigurationMethods } from './lead-details-configuration'
import { leadProductRowMethods } from './lead-product-rows'
import { leadContactMethods } from './lead-contacts'
import { contactMethods } from './crm-contacts'
import { productMethods } from './crm-products'

/**
 * Every method the emulated portal knows. Each module exports one table; add a module here.
 */
const tables: MethodTable[] = [
  leadMethods,
  statusMethods,
  batchMethods,
  eventMethods,
  userMethods,
  portalMethods,
  crmSettingsMethods,
  leadUserFieldMethods,
  leadDetailsConfigurationMethods,
  leadProductRowMethods,
  leadContactMethods,
  contactMethods,
  productMethods
]

export function methodRegistry(): Map<string, MethodDefinition> {
  const registry = new Map<string, MethodDefinition>()
  for (const table of tables) {
    for (const [name, definition] of Object.entries(table)) {
      if (registry.has(name)) throw new Error(`Method ${name} is defined twice`)
      registry.set(name, definition)
    }
  }
  return registry
}
