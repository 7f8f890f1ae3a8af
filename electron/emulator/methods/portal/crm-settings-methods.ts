import { methods } from '../context'

/** `crm.settings.mode.get`: 1 = classic CRM (leads on), 2 = simple CRM (docs/bitrix24-protocol.md §11). */
export const crmSettingsMethods = methods({
  'crm.settings.mode.get': { scope: 'crm', handler: (ctx) => ctx.portal.settings.crmMode }
})
