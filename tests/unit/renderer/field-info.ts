import type { LeadFieldInfo } from '../../../electron/contract'

/** A field as `leads.fields` describes it: editable, single-valued, titled by its code unless told. */
export const field = (code: string, type: string, extra: Partial<LeadFieldInfo> = {}): LeadFieldInfo => ({
  code,
  type,
  title: code,
  readOnly: false,
  multiple: false,
  ...extra
})
