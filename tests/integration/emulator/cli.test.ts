import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:https'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { projectRoot } from '../../support/built-app'
import { makeTempDir } from '../../support/core'

/** `npm run portal -- …`, run the way the script runs it (tsx), as a child process. */
function startPortal(args: string[]): {
  child: ChildProcess
  lines: Promise<Record<string, string>>
  exit: Promise<number | null>
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/emulator/cli.ts', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  const lines = new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const found = stdout.split('\n').filter((line) => line.includes('='))
      if (found.length >= 4)
        resolve(
          Object.fromEntries(found.slice(0, 4).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]))
        )
    })
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', () => reject(new Error(`portal exited early: ${stderr}`)))
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, lines, exit }
}

const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
})

describe('npm run portal', () => {
  it('prints exactly the four lines, serves the seeded portal on 127.0.0.1 and stops on SIGTERM', async () => {
    const portal = startPortal(['--port', '0', '--leads', '120', '--seed', '3', '--limits', 'off'])
    running.push(portal.child)
    const lines = await portal.lines
    expect(Object.keys(lines)).toEqual(['PORTAL_URL', 'WEBHOOK_URL', 'OAUTH_CLIENT_ID', 'OAUTH_CLIENT_SECRET'])
    expect(lines.PORTAL_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(lines.WEBHOOK_URL).toMatch(new RegExp(`^${lines.PORTAL_URL}/rest/1/[0-9a-f]{16}/$`))
    expect(lines.OAUTH_CLIENT_ID).toMatch(/^local\.[0-9a-f]{14}\.[0-9a-f]{8}$/)
    expect(lines.OAUTH_CLIENT_SECRET).toMatch(/^[0-9a-f]{50}$/)
    const response = await fetch(`${lines.WEBHOOK_URL}crm.lead.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"select":["ID"]}'
    })
    expect(((await response.json()) as { total: number }).total).toBe(120)
    portal.child.kill('SIGTERM')
    expect(await portal.exit).toBe(0)
  })

  it('refuses bad options with a clear message and exit code 2', async () => {
    const portal = startPortal(['--limits', 'huge'])
    await expect(portal.lines).rejects.toThrow('--limits must be off, standard or enterprise')
    expect(await portal.exit).toBe(2)
  })

  it('--https serves with a self-signed certificate and prints https URLs', async () => {
    const portal = startPortal(['--https', '--leads', '0', '--limits', 'off'])
    running.push(portal.child)
    const lines = await portal.lines
    expect(lines.PORTAL_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const body = await new Promise<string>((resolve, reject) => {
      const call = request(
        `${lines.WEBHOOK_URL}crm.status.list`,
        { method: 'POST', rejectUnauthorized: false },
        (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => (text += chunk.toString()))
          response.on('end', () => resolve(text))
        }
      )
      call.on('error', reject)
      call.end()
    })
    expect(JSON.parse(body).total).toBe(21)
  })

  it("--data keeps the portal's changes across restarts", async () => {
    const temp = await makeTempDir()
    try {
      const file = join(temp.dir, 'portal.json')
      const first = startPortal(['--leads', '5', '--data', file, '--limits', 'off'])
      running.push(first.child)
      const lines = await first.lines
      const add = await fetch(`${lines.WEBHOOK_URL}crm.lead.add`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { TITLE: 'Kept across restarts' } })
      })
      const { result: id } = (await add.json()) as { result: number }
      first.child.kill('SIGTERM')
      expect(await first.exit).toBe(0)

      const second = startPortal(['--leads', '5', '--data', file, '--limits', 'off'])
      running.push(second.child)
      const again = await second.lines
      expect(again.WEBHOOK_URL!.replace(/:\d+/, '')).toBe(lines.WEBHOOK_URL!.replace(/:\d+/, ''))
      const get = await fetch(`${again.WEBHOOK_URL}crm.lead.get?id=${id}`)
      expect(((await get.json()) as { result: { TITLE: string } }).result.TITLE).toBe('Kept across restarts')
      second.child.kill('SIGTERM')
      await second.exit
    } finally {
      await temp.cleanup()
    }
  })
})
