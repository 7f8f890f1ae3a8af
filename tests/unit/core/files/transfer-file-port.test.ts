import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { text } from 'node:stream/consumers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/core/errors'
import { displayName, TransferFilePort } from '../../../../electron/core/files/transfer-file-port'
import { makeTempDir } from '../../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
let port: TransferFilePort
beforeEach(async () => {
  temp = await makeTempDir()
  port = new TransferFilePort(temp.dir, { maxFileBytes: 64, maxChunkBytes: 8, maxOpenUploads: 2 })
})
afterEach(() => temp.cleanup())

const b64 = (value: string) => Buffer.from(value).toString('base64')

/** What a promise was refused with: the AppError's code and message. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return { code: error.code, message: error.message }
}

async function upload(name: string, content: string) {
  const handle = await port.beginUpload(name, Buffer.byteLength(content))
  const bytes = Buffer.from(content)
  for (let offset = 0; offset < bytes.length; offset += 8)
    await port.appendUpload(handle.id, offset, bytes.subarray(offset, offset + 8).toString('base64'))
  return port.finishUpload(handle.id)
}

describe('TransferFilePort uploads', () => {
  it('takes a file in chunks and the core reads it whole under its handle', async () => {
    const content = 'ID;TITLE\n1;Лид\n2;Second lead\n'
    const handle = await upload('C:\\Users\\anna\\leads.csv', content)
    expect(handle).toEqual({ id: expect.any(String), name: 'leads.csv', size: Buffer.byteLength(content) })
    expect(await text(port.openRead(handle))).toBe(content)
    // The file is there for a core that starts again (an interrupted import).
    const restarted = new TransferFilePort(temp.dir)
    expect(await text(restarted.openRead({ id: handle.id }))).toBe(content)
  })

  it('takes chunks sent at once, each at its own offset', async () => {
    const handle = await port.beginUpload('two.txt', 16)
    const received = await Promise.all([
      port.appendUpload(handle.id, 0, b64('abcdefgh')),
      port.appendUpload(handle.id, 8, b64('ijklmnop'))
    ])
    expect(received.map((answer) => answer.received)).toEqual([16, 16])
    await port.finishUpload(handle.id)
    expect(await text(port.openRead(handle))).toBe('abcdefghijklmnop')
  })

  it('refuses what breaks its bounds or order', async () => {
    expect(await refusal(port.beginUpload('big.csv', 65))).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect((await refusal(port.beginUpload('big.csv', 65))).message).toContain('64 bytes')
    expect((await refusal(port.beginUpload('odd.csv', 1.5))).code).toBe('INVALID_ARGUMENT')

    const handle = await port.beginUpload('a.csv', 12)
    expect((await refusal(port.appendUpload(handle.id, 0, b64('123456789')))).message).toContain('at most 8')
    expect((await refusal(port.appendUpload(handle.id, 4, b64('1234')))).message).toContain('starts at byte 0')
    expect((await refusal(port.appendUpload(handle.id, 0, 'not base64!'))).code).toBe('INVALID_ARGUMENT')
    await port.appendUpload(handle.id, 0, b64('12345678'))
    expect((await refusal(port.appendUpload(handle.id, 8, b64('12345')))).message).toContain('larger than')
    // Not all there yet: neither finished nor readable.
    expect((await refusal(port.finishUpload(handle.id))).message).toContain('8 of 12')
    expect(() => port.openRead(handle)).toThrow(/not finished/)

    await port.beginUpload('b.csv', 1)
    expect((await refusal(port.beginUpload('c.csv', 1))).message).toContain('Too many uploads')
    await port.discard(handle.id)
    await expect(port.beginUpload('c.csv', 1)).resolves.toMatchObject({ name: 'c.csv' })
  })

  it('has no dialog to open: the renderer uploads instead', async () => {
    expect(port.mode).toBe('transfer')
    expect((await refusal(port.chooseFileToOpen())).message).toContain('upload')
  })
})

describe('TransferFilePort downloads', () => {
  it('gives out, in chunks, what the core wrote to a file to save', async () => {
    const handle = (await port.chooseFileToSave({ title: 'Export', defaultName: '../leads export.csv', filters: [] }))!
    expect(handle.name).toBe('leads export.csv')
    // Nothing to download until the file is whole.
    expect((await refusal(port.readForDownload(handle.id, 0, 8))).code).toBe('NOT_FOUND')

    const content = 'ID;TITLE\n1;Лид\n'
    await pipeline(Readable.from([Buffer.from(content)]), port.openWrite(handle))
    const parts: Buffer[] = []
    let answer: Awaited<ReturnType<TransferFilePort['readForDownload']>>
    let offset = 0
    do {
      answer = await port.readForDownload(handle.id, offset, 8)
      const part = Buffer.from(answer.base64, 'base64')
      parts.push(part)
      offset += part.length
    } while (!answer.end)
    expect(answer.size).toBe(Buffer.byteLength(content))
    expect(Buffer.concat(parts).toString()).toBe(content)
    expect(parts.map((part) => part.length)).toEqual([8, 8, 2])
    expect((await refusal(port.readForDownload(handle.id, 0, 9))).message).toContain('at most 8')
  })

  it('leaves no file when the writing breaks off', async () => {
    const handle = (await port.chooseFileToSave({ title: 'Export', defaultName: 'x.csv', filters: [] }))!
    const source = new Readable({ read() {} })
    const writing = pipeline(source, port.openWrite(handle))
    source.push('half of it')
    source.destroy(new Error('the export failed'))
    await expect(writing).rejects.toThrow('the export failed')
    expect((await refusal(port.readForDownload(handle.id, 0, 8))).code).toBe('NOT_FOUND')
  })

  it('keeps uploads and files to save apart, and refuses ids it did not make', async () => {
    const uploaded = await upload('in.csv', 'abc')
    const toSave = (await port.chooseFileToSave({ title: 'Export', defaultName: 'out.csv', filters: [] }))!
    expect(() => port.openWrite(uploaded)).toThrow(/chosen to open/)
    expect(() => port.openRead(toSave)).toThrow(/chosen to save/)
    expect((await refusal(port.readForDownload(uploaded.id, 0, 8))).code).toBe('INVALID_ARGUMENT')
    for (const id of ['../../etc', 'nope', '00000000-0000-0000-0000-000000000000'])
      expect(() => port.openRead({ id })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('TransferFilePort housekeeping', () => {
  it('discards a file, and removes staged files older than a time, but not uploads on their way', async () => {
    const old = await upload('old.csv', 'abc')
    const kept = await upload('new.csv', 'abc')
    const onItsWay = await port.beginUpload('going.csv', 3)
    const dayAgo = Date.now() / 1000 - 86_400
    for (const handle of [old, onItsWay]) await utimes(join(temp.dir, handle.id), dayAgo, dayAgo)
    // Not one of its files: left alone.
    await writeFile(join(temp.dir, 'notes.txt'), 'x')

    expect(await port.removeOlderThan(Date.now() - 3_600_000)).toBe(1)
    expect((await readdir(temp.dir)).sort()).toEqual([kept.id, onItsWay.id, 'notes.txt'].sort())

    await port.discard(kept.id)
    expect(() => port.openRead(kept)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    await port.discard(onItsWay.id)
    expect(await readFile(join(temp.dir, 'notes.txt'), 'utf8')).toBe('x')
    expect(await readdir(temp.dir)).toEqual(['notes.txt'])
  })
})

describe('TransferFilePort abandoned uploads', () => {
  it('drops an upload idle past the limit when a new one needs its place, and keeps a busy one', async () => {
    let now = 1_000_000
    const clocked = new TransferFilePort(temp.dir, { maxOpenUploads: 2, idleUploadMs: 60_000 }, () => now)
    const abandoned = await clocked.beginUpload('left.csv', 4)
    const busy = await clocked.beginUpload('busy.csv', 4)
    now += 50_000
    await clocked.appendUpload(busy.id, 0, b64('ab'))
    expect((await refusal(clocked.beginUpload('third.csv', 4))).code).toBe('INVALID_ARGUMENT')
    now += 20_000
    // 70 s since the first began, 20 s since the busy one received a chunk.
    const third = await clocked.beginUpload('third.csv', 4)
    expect((await readdir(temp.dir)).sort()).toEqual([busy.id, third.id].sort())
    expect((await refusal(clocked.appendUpload(abandoned.id, 0, b64('ab')))).code).toBe('NOT_FOUND')
    await clocked.appendUpload(busy.id, 2, b64('cd'))
    expect((await clocked.finishUpload(busy.id)).size).toBe(4)
  })

  it('on dispose, closes the uploads under way and removes what they received', async () => {
    const going = await port.beginUpload('going.csv', 4)
    await port.appendUpload(going.id, 0, b64('ab'))
    const done = await upload('done.csv', 'abc')
    await port.dispose()
    expect(await readdir(temp.dir)).toEqual([done.id])
  })
})

describe('displayName', () => {
  it.each([
    ['report.csv', 'report.csv'],
    ['/home/anna/report.csv', 'report.csv'],
    ['C:\\Users\\anna\\отчёт.csv', 'отчёт.csv'],
    ['bad\u0000\u001fname.csv', 'badname.csv'],
    ['  ', 'file'],
    ['dir/', 'file'],
    ['x'.repeat(300), 'x'.repeat(255)]
  ])('%j is shown as %j', (given, shown) => {
    expect(displayName(given)).toBe(shown)
  })
})
