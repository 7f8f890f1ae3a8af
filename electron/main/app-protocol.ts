import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { contentTypeOf, rendererFileAt } from '../renderer-files'
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

/** The file a URL names inside `root`, or null for another scheme or host, or a path refused. */
function fileFor(root: string, url: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  const target = rendererFileAt(root, parsed.pathname)
  return 'file' in target ? target.file : null
}

function refusal(status: 404 | 405): Response {
  return new Response(null, { status })
}
