/**
 * The events this portal offers to `event.bind`, upper-cased as the portal stores them, with the
 * scope each belongs to (null: the global scope every application has). An event outside the
 * caller's scopes is "not found", as on the portal (docs/bitrix24-protocol.md §10; rest module sources).
 */
const EVENT_SCOPES: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ['ONAPPINSTALL', null],
  ['ONAPPUNINSTALL', null],
  ['ONAPPUPDATE', null],
  ['ONAPPPAYMENT', null],
  ['ONAPPTEST', null],
  ['ONAPPMETHODCONFIRM', null],
  ['ONCRMLEADADD', 'crm'],
  ['ONCRMLEADUPDATE', 'crm'],
  ['ONCRMLEADDELETE', 'crm'],
  ['ONCRMLEADUSERFIELDADD', 'crm'],
  ['ONCRMLEADUSERFIELDUPDATE', 'crm'],
  ['ONCRMLEADUSERFIELDDELETE', 'crm'],
  ['ONCRMLEADUSERFIELDSETENUMVALUES', 'crm']
])

/** Whether a caller with these scopes may bind the (upper-cased) event. */
export function isBindableEvent(event: string, scopes: readonly string[]): boolean {
  if (!EVENT_SCOPES.has(event)) return false
  const scope = EVENT_SCOPES.get(event)
  return scope === null || scope === undefined || scopes.includes(scope)
}
