import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { pipeline } from 'node:stream/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElectronFilePort, type FileDialogs } from '../../../electron/main/electron-file-port'
import { makeTempDir } from '../../support/core'

let temp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => (temp = await makeTempDir()))
afterEach(() => temp.cleanup())

/** Dialogs that answer as if the user picked `path` (or cancelled, when it is undefined). */
function dialogsPicking(path: string | undefined) {
  return {
    showOpenDialog: vi.fn<FileDialogs['showOpenDialog']>(async () =>
      path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] }
    ),
    showSaveDialog: vi.fn<FileDialogs['showSaveDialog']>(async () =>
      path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' }
    )
  }
}

const csvFilter = [{ name: 'CSV', extensions: ['csv'] }]

describe('ElectronFilePort', () => {
  it('opens the chosen file for reading and shows the renderer its name and size, not its path', async () => {
    const path = join(temp.dir, 'leads.csv')
    await writeFile(path, 'ID;TITLE\n1;Лид\n')
    const dialogs = dialogsPicking(path)
    const port = new ElectronFilePort(dialogs)
    expect(port.mode).toBe('dialog')

    const handle = await port.chooseFileToOpen({ title: 'Import leads', filters: csvFilter })
    expect(dialogs.showOpenDialog).toHaveBeenCalledWith({
      title: 'Import leads',
      filters: csvFilter,
      properties: ['openFile']
    })
    expect(handle).toEqual({ id: expect.any(String), name: 'leads.csv', size: Buffer.byteLength('ID;TITLE\n1;Лид\n') })
    expect(JSON.stringify(handle)).not.toContain(temp.dir)
    expect(await text(port.openRead(handle!))).toBe('ID;TITLE\n1;Лид\n')
  })

  it('writes to the file chosen to save, offering only a bare name', async () => {
    const path = join(temp.dir, 'export.csv')
    const dialogs = dialogsPicking(path)
    const port = new ElectronFilePort(dialogs)
    const handle = await port.chooseFileToSave({ title: 'Export', defaultName: '/tmp/leads.csv', filters: csvFilter })
    expect(dialogs.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Export', defaultPath: 'leads.csv', filters: csvFilter })
    )
    expect(handle).toEqual({ id: expect.any(String), name: 'export.csv' })
    await pipeline(Readable.from(['1;', 'Лид\n']), port.openWrite(handle!))
    expect(await readFile(path, 'utf8')).toBe('1;Лид\n')
  })

  it('answers null when the user cancels either dialog', async () => {
    const port = new ElectronFilePort(dialogsPicking(undefined))
    expect(await port.chooseFileToOpen({ title: 'Import', filters: [] })).toBeNull()
    expect(await port.chooseFileToSave({ title: 'Export', defaultName: 'x.csv', filters: [] })).toBeNull()
  })

  it('never writes a file given to read, nor reads one chosen to save, nor knows other ids', async () => {
    const path = join(temp.dir, 'input.csv')
    await writeFile(path, 'keep me')
    const port = new ElectronFilePort(dialogsPicking(path))
    const toRead = (await port.chooseFileToOpen({ title: 'Import', filters: [] }))!
    const toSave = (await port.chooseFileToSave({ title: 'Export', defaultName: 'x.csv', filters: [] }))!
    expect(() => port.openWrite(toRead)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => port.openRead(toSave)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => port.openRead({ id: 'made-up' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(await readFile(path, 'utf8')).toBe('keep me')
  })
})
