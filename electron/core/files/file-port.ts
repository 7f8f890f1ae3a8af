import type { Readable, Writable } from 'node:stream'
import type { FileHandle } from '../../contract'
import { AppError } from '../errors'

/** A file the user chose, as the renderer may see it: an id and a name, never a path. */
export type { FileHandle }

export interface FileFilter {
  /** What the user sees ("CSV files"). */
  name: string
  /** Without the dot: ['csv', 'txt']. */
  extensions: string[]
}

export interface ChooseToOpen {
  title: string
  filters: FileFilter[]
}

export interface ChooseToSave {
  title: string
  /** The name offered (a bare name: no folder). */
  defaultName: string
  filters: FileFilter[]
}

/**
 * How files reach the core. `dialog`: the host shows the system's file dialogs (Electron).
 * `transfer`: no dialog can open (the browser build); the renderer uploads the file the user
 * picked and gets a handle back, and downloads what the core wrote.
 */
export type FilePortMode = 'dialog' | 'transfer'

/** The files the core reads and writes, chosen by the user; the host injects one. */
export interface FilePort {
  readonly mode: FilePortMode
  /** null: the user cancelled. */
  chooseFileToOpen(options: ChooseToOpen): Promise<FileHandle | null>
  /** null: the user cancelled. */
  chooseFileToSave(options: ChooseToSave): Promise<FileHandle | null>
  /** Only for a handle chosen to open. */
  openRead(handle: Pick<FileHandle, 'id'>): Readable
  /** Only for a handle chosen to save: a file the user gave to read is never written. */
  openWrite(handle: Pick<FileHandle, 'id'>): Writable
  /** Forgets a handle (and, where the port keeps a copy, the copy). */
  discard(id: string): Promise<void>
  /** The app is closing: nothing is left half open. */
  dispose(): Promise<void>
}

export const unknownFileError = (id: string) =>
  new AppError('NOT_FOUND', `The file ${id} is not available (any more); choose it again.`)

/** A file given to read is never written, and one chosen to save is not read as input. */
export const wrongUseError = (id: string, chosenTo: 'open' | 'save') =>
  new AppError('INVALID_ARGUMENT', `The file ${id} was chosen to ${chosenTo}, not for this.`)
