/**
 * The files of the built renderer as both of its servers hand them out — the app's own scheme in
 * Electron and the loopback server of the browser build: which file a URL path names, and its type.
 */
import { extname, resolve, sep } from 'node:path'

/** The types of the files the built renderer is made of. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** The Content-Type of a built renderer file, by its extension; unknown files are plain bytes. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file a URL path (still percent-encoded) names inside `root` — `index.html` for `/` — or why
 * it is refused: a malformed encoding, or a path that leaves the folder (decoding can bring back
 * `..`, `/` and `\`, hence the check on the resolved path) or holds a NUL.
 */
export function rendererFileAt(
  root: string,
  pathname: string
): { file: string } | { refused: 'malformed' | 'outside' } {
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return { refused: 'malformed' }
  }
  if (path.includes('\0')) return { refused: 'outside' }
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  return file.startsWith(root + sep) ? { file } : { refused: 'outside' }
}
