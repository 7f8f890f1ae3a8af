import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import type { OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import {
  unknownFileError,
  wrongUseError,
  type ChooseToOpen,
  type ChooseToSave,
  type FileHandle,
  type FilePort
} from '../core/files/file-port'

/** The system's file dialogs; the host shows them over the app window. */
export interface FileDialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
}

interface ChosenFile {
  path: string
  chosenTo: 'open' | 'save'
}

/**
 * Files chosen in the system's dialogs. Handles stand for the chosen paths while the app runs;
 * the paths stay here in the main process.
 */
export class ElectronFilePort implements FilePort {
  readonly mode = 'dialog'
  private readonly chosen = new Map<string, ChosenFile>()

  constructor(private readonly dialogs: FileDialogs) {}

  async chooseFileToOpen({ title, filters }: ChooseToOpen): Promise<FileHandle | null> {
    const answer = await this.dialogs.showOpenDialog({ title, filters, properties: ['openFile'] })
    const path = answer.canceled ? undefined : answer.filePaths[0]
    if (!path) return null
    const { size } = await stat(path)
    return { ...this.remember(path, 'open'), size }
  }

  async chooseFileToSave({ title, defaultName, filters }: ChooseToSave): Promise<FileHandle | null> {
    const answer = await this.dialogs.showSaveDialog({
      title,
      defaultPath: basename(defaultName),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation']
    })
    if (answer.canceled || !answer.filePath) return null
    return this.remember(answer.filePath, 'save')
  }

  openRead(handle: Pick<FileHandle, 'id'>): Readable {
    return createReadStream(this.pathOf(handle.id, 'open'))
  }

  openWrite(handle: Pick<FileHandle, 'id'>): Writable {
    return createWriteStream(this.pathOf(handle.id, 'save'))
  }

  async discard(id: string): Promise<void> {
    this.chosen.delete(id)
  }

  /** Handles live only while the app runs: nothing to close. */
  async dispose(): Promise<void> {
    this.chosen.clear()
  }

  private remember(path: string, chosenTo: ChosenFile['chosenTo']): FileHandle {
    const id = randomUUID()
    this.chosen.set(id, { path, chosenTo })
    return { id, name: basename(path) }
  }

  private pathOf(id: string, use: ChosenFile['chosenTo']): string {
    const file = this.chosen.get(id)
    if (!file) throw unknownFileError(id)
    if (file.chosenTo !== use) throw wrongUseError(id, file.chosenTo)
    return file.path
  }
}
