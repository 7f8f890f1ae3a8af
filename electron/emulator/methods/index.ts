import type { MethodDefinition, MethodTable } from './context'

/**
 * Every method the emulated portal knows. Each module exports one table; add a module here.
 */
const tables: MethodTable[] = []

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
