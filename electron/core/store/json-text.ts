/** JSON stored in TEXT columns: NULL stays null. */
export function parseJsonText<T>(text: string | null | undefined): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as T)
}

/** `undefined` is stored as NULL, so it comes back as "not set" rather than as JSON null. */
export function toJsonText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value)
}
