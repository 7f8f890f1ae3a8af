// Loaded with `node --import`: makes `electron` (import or require) resolve to the stub beside this file.
import { registerHooks } from 'node:module'

const stubUrl = new URL('./electron.cjs', import.meta.url).href

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stubUrl, format: 'commonjs', shortCircuit: true }
    return nextResolve(specifier, context)
  }
})
