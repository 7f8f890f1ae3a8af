import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import type { UserConfig } from 'vite'

// import.meta.url (not import.meta.dirname): config bundlers rewrite it to this file's real place.
const root = fileURLToPath(new URL('..', import.meta.url))

/** Renderer build settings shared by electron-vite, the browser dev server and the DOM tests. */
export const rendererViteConfig = {
  root: resolve(root, 'renderer'),
  resolve: {
    alias: {
      '@renderer': resolve(root, 'renderer/src'),
      '@contract': resolve(root, 'electron/contract/index.ts')
    }
  },
  plugins: [vue()]
} satisfies UserConfig
