/** A stored multifield value of a lead or a contact. */
interface StoredMultiValue {
  id: number
  typeId: string
  valueType: string
  value: string
}

/**
 * Adds the multifield arrays (`PHONE`, `EMAIL`, ...) of the asked types to an entity's JSON, as
 * the portal prints them: IDs as strings, and no key at all for a type without values.
 */
export function addMultifieldsJson(
  json: Record<string, unknown>,
  multi: readonly StoredMultiValue[],
  types: readonly string[]
): void {
  for (const type of types) {
    const items = multi.filter((item) => item.typeId === type)
    if (items.length) {
      json[type] = items.map((item) => ({
        ID: String(item.id),
        VALUE_TYPE: item.valueType,
        VALUE: item.value,
        TYPE_ID: item.typeId
      }))
    }
  }
}
