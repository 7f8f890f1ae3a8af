/// <reference types="vite/client" />
import type { WindowApi } from '@contract'

declare global {
  interface Window {
    /** Set by the Electron preload script, or by the loopback shim in a plain browser. */
    api?: WindowApi
  }
}
