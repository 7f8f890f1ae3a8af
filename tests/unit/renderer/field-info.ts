import type { LeadFieldInfo } from '../../../electron/contract'

/**
 * A field as `leads.fields` describes it: editable, single-valued, titled by its code unless told,
 * a userfield when its code is one (`UF_…`, as the portal names them).
 */
export const field = (code: string, type: string, extra: Partial<LeadFieldInfo> = {}): LeadFieldInfo => ({
  code,
  type,
  title: code,
  isUserField: code.startsWith('UF_'),
  readOnly: false,
  multiple: false,
  ...extra
})
