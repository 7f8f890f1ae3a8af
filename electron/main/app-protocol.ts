import { readFile } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { contentTypeOf } from '../content-types'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { APP_HOST, APP_SCHEME } from './renderer-source'

/**
 * The app's scheme as Electron registers it before the app is ready: `standard` so relative URLs,
 * an origin of its own and web storage work as on the web; `secure` so the page is a secure
 * context (no mixed content), like an https page.
 */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true } }

/** What the handler reads of a request. */
export type AppRequest = Pick<Request, 'url' | 'method'>

/**
 * Serves `app://lead-admin/<path>` from the built renderer folder, read-only: GET and HEAD only,
 * nothing outside the folder, each file with its type and the app's Content-Security-Policy.
 */
export function createAppProtocolHandler(rendererDir: string): (request: AppRequest) => Promise<Response> {
  const root = resolve(rendererDir)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405)
    const file = fileFor(root, request.url)
    if (file === null) return refusal(404)
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return refusal(404)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff'
      }
    })
  }
}

/** The file a URL names inside `root`, or null for another host, a malformed path or one that leaves `root`. */
function fileFor(root: string, url: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    // Percent-decoding can bring back `..`, `/` and `\`, hence the check on the resolved path below.
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  return file.startsWith(root + sep) ? file : null
}

function refusal(status: 404 | 405): Response {
  return new Response(null, { status })
}
