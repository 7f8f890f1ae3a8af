import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { call, result, startTestEmulator } from '../../support/emulator'
import { appToken, oauthBase } from '../../support/emulator-protocol'

/** Lead changes reach bound handlers as ONCRMLEAD* deliveries carrying only the ID. */
let emulator: Emulator
let handler: Server
let handlerUrl: string
const received: string[] = []

beforeAll(async () => {
  emulator = await startTestEmulator()
  handler = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push(body)
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve))
  handlerUrl = `http://127.0.0.1:${(handler.address() as { port: number }).port}/hook`
  const token = appToken(emulator)
  for (const event of ['onCrmLeadAdd', 'onCrmLeadUpdate', 'onCrmLeadDelete']) {
    const reply = await call(
      emulator,
      'event.bind',
      { event, handler: handlerUrl },
      { url: oauthBase(emulator), headers: { Authorization: `Bearer ${token}` } }
    )
    expect(reply.body.result).toBe(true)
  }
})
afterAll(async () => {
  await emulator.close()
  handler.close()
})

describe('lead events', () => {
  it('add, update and delete each deliver their event with the lead ID', async () => {
    const id = await result<number>(emulator, 'crm.lead.add', { fields: { TITLE: 'Evented' } })
    await result(emulator, 'crm.lead.update', { id, fields: { TITLE: 'Changed' } })
    await result(emulator, 'crm.lead.delete', { id })
    await emulator.events.idle()
    const decoded = received.map((body) => new URLSearchParams(body))
    expect(decoded.map((form) => [form.get('event'), form.get('data[FIELDS][ID]')])).toEqual([
      ['ONCRMLEADADD', String(id)],
      ['ONCRMLEADUPDATE', String(id)],
      ['ONCRMLEADDELETE', String(id)]
    ])
    expect(decoded[0]!.get('auth[application_token]')).toBe(emulator.credentials.apps[0]!.applicationToken)
    // The delivery carries working tokens of the user the handler runs as.
    const token = decoded[0]!.get('auth[access_token]')!
    const profile = await call(
      emulator,
      'profile',
      {},
      { url: oauthBase(emulator), headers: { Authorization: `Bearer ${token}` } }
    )
    expect(profile.body.result).toMatchObject({ ID: '1' })
    expect(decoded[0]!.get('auth[refresh_token]')).toMatch(/^[0-9a-f]{32}$/)
  })

  it('a failed update delivers nothing', async () => {
    received.length = 0
    const id = await result<number>(emulator, 'crm.lead.add', { fields: { TITLE: 'x' } })
    await call(emulator, 'crm.lead.update', { id, fields: { OPPORTUNITY: 'bad' } })
    await emulator.events.idle()
    expect(received.map((body) => new URLSearchParams(body).get('event'))).toEqual(['ONCRMLEADADD'])
  })
})
