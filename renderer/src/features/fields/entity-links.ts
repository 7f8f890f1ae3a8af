import type { CrmEntityType } from '@contract'
import type { InjectionKey, Ref } from 'vue'

/** The active portal's address (`acme.bitrix24.com`), for links to its records. */
export const PORTAL_DOMAIN: InjectionKey<Ref<string | undefined>> = Symbol('portal domain')

const PATHS: Readonly<Record<CrmEntityType, string>> = {
  LEAD: 'lead',
  CONTACT: 'contact',
  COMPANY: 'company',
  DEAL: 'deal'
}

/** A record's page on the portal; a portal on this computer is reached over plain http. */
export function entityUrl(domain: string, type: CrmEntityType, id: string): string {
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(domain)
  return `${local ? 'http' : 'https'}://${domain}/crm/${PATHS[type]}/details/${id}/`
}
