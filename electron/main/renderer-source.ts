import { isLoopbackHost } from '../core/auth/portal-address'

/** The built renderer is served on the app's own scheme and host: `app://lead-admin/index.html`. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'lead-admin'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export interface RendererSource {
  /** What the window loads. */
  url: string
  /** The origins whose pages may call the contract. */
  trustedOrigins: string[]
  /** The dev server address given in the environment and not used (a packaged app, or not a local server). */
  ignoredDevServerUrl?: string
}

/**
 * Where the window's page comes from: the dev server electron-vite names in `ELECTRON_RENDERER_URL`,
 * only in development and only on this machine; otherwise, and always in a packaged app, the
 * renderer bundled with the app.
 */
export function chooseRendererSource(options: {
  isPackaged: boolean
  devServerUrl: string | undefined
}): RendererSource {
  const { isPackaged, devServerUrl } = options
  const bundled: RendererSource = { url: `${APP_ORIGIN}/index.html`, trustedOrigins: [APP_ORIGIN] }
  if (devServerUrl === undefined || devServerUrl === '') return bundled
  const devOrigin = isPackaged ? null : localServerOrigin(devServerUrl)
  if (devOrigin === null) return { ...bundled, ignoredDevServerUrl: devServerUrl }
  return { url: devServerUrl, trustedOrigins: [APP_ORIGIN, devOrigin] }
}

function localServerOrigin(url: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null
  if (parsed.username || parsed.password || !isLoopbackHost(parsed.hostname)) return null
  return parsed.origin
}
