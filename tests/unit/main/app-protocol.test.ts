import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../electron/csp'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../electron/main/app-protocol'
import { makeTempDir } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
let serve: ReturnType<typeof createAppProtocolHandler>

/** A built renderer in `<temp>/out/renderer`, with a secret beside it that must never be served. */
beforeEach(async () => {
  temp = await makeTempDir()
  const renderer = join(temp.dir, 'out', 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Lead Admin</title>')
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(renderer, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(renderer, 'assets', 'logo.svg'), '<svg/>')
  await writeFile(join(renderer, 'assets', 'data.bin'), 'bytes')
  await writeFile(join(temp.dir, 'out', 'secret.txt'), 'SECRET')
  await writeFile(join(temp.dir, 'secret.txt'), 'SECRET')
  serve = createAppProtocolHandler(renderer)
})
afterEach(() => temp.cleanup())

const get = (url: string, method = 'GET') => serve({ url, method })

describe('app:// protocol handler', () => {
  it('registers the scheme as standard and secure', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true } })
  })

  it('serves the page and its assets with their types, the CSP and nosniff', async () => {
    const expected: Array<[string, string, string]> = [
      ['app://lead-admin/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Lead Admin</title>'],
      ['app://lead-admin/', 'text/html; charset=utf-8', '<!doctype html><title>Lead Admin</title>'],
      ['app://lead-admin/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://lead-admin/assets/index-abc.css?v=1#x', 'text/css; charset=utf-8', 'body{}'],
      ['app://lead-admin/assets/logo.svg', 'image/svg+xml', '<svg/>'],
      ['app://lead-admin/assets/data.bin', 'application/octet-stream', 'bytes']
    ]
    for (const [url, type, body] of expected) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(response.headers.get('Content-Type'), url).toBe(type)
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff')
      expect(await response.text(), url).toBe(body)
    }
  })

  it('answers HEAD without a body and refuses every other method', async () => {
    const head = await get('app://lead-admin/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await get('app://lead-admin/index.html', method)).status, method).toBe(405)
    }
  })

  it('never serves a file outside the renderer folder, however the path is written', async () => {
    const attempts = [
      'app://lead-admin/../secret.txt',
      'app://lead-admin/../../secret.txt',
      'app://lead-admin/%2e%2e/secret.txt',
      'app://lead-admin/assets/%2E%2E/%2E%2E/secret.txt',
      'app://lead-admin/..%2Fsecret.txt',
      'app://lead-admin/..%2F..%2Fsecret.txt',
      'app://lead-admin/assets/..%2F..%2F..%2Fsecret.txt',
      'app://lead-admin/..%5C..%5Csecret.txt',
      `app://lead-admin/${encodeURIComponent(join(temp.dir, 'secret.txt'))}`,
      'app://lead-admin/index.html%00.png',
      'app://lead-admin/%E0%A4%A',
      'app://lead-admin/assets/',
      'app://lead-admin/missing.js'
    ]
    for (const url of attempts) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('SECRET')
    }
  })

  it('serves its own host only', async () => {
    for (const url of ['app://other/index.html', 'app://lead-admin:81/index.html', 'https://lead-admin/index.html']) {
      expect((await get(url)).status, url).toBe(404)
    }
  })
})
