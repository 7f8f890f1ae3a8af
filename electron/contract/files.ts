/**
 * Files the user gives the app or gets from it (imports and exports). In the desktop app the
 * system's file dialogs choose them; in the browser build the page uploads the file the user
 * picked and downloads what the app wrote, in chunks. The renderer sees a handle, never a path.
 */
import { z } from 'zod'
import { channel } from './channel'

export interface FileHandle {
  id: string
  name: string
  /** Bytes, for a file to read. */
  size?: number
}

/** The most one upload may hold, and one chunk of an upload or a download. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024
export const MAX_CHUNK_BYTES = 1024 * 1024

const fileId = z.string().uuid('A file id is a UUID')
const filters = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1).max(100),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/i, 'An extension is letters and digits, without the dot'))
        .min(1)
        .max(10)
    })
  )
  .max(10)
const chooseToOpenArgs = z.strictObject({ title: z.string().trim().min(1).max(200), filters })
const chooseToSaveArgs = z.strictObject({
  title: z.string().trim().min(1).max(200),
  defaultName: z.string().trim().min(1).max(255),
  filters
})
const uploadBeginArgs = z.strictObject({
  name: z.string().trim().min(1).max(255),
  size: z.number().int().min(0).max(MAX_UPLOAD_BYTES)
})
const uploadChunkArgs = z.strictObject({
  id: fileId,
  offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
  // base64 of at most MAX_CHUNK_BYTES bytes.
  base64: z.string().max(Math.ceil(MAX_CHUNK_BYTES / 3) * 4)
})
const fileArgs = z.strictObject({ id: fileId })
const downloadArgs = z.strictObject({
  id: fileId,
  offset: z.number().int().min(0),
  length: z.number().int().min(1).max(MAX_CHUNK_BYTES)
})

export const fileChannels = {
  /** How files are chosen here: 'dialog' (the desktop app) or 'transfer' (the browser build uploads). */
  'files.mode': channel<'dialog' | 'transfer'>()(z.undefined()),
  /** The system's open dialog (desktop app only); null when the user cancelled. */
  'files.chooseToOpen': channel<FileHandle | null>()(chooseToOpenArgs),
  /** The system's save dialog, or in the browser build a file to download once written. */
  'files.chooseToSave': channel<FileHandle | null>()(chooseToSaveArgs),
  /** Browser build: starts the upload of a file the user picked. */
  'files.uploadBegin': channel<FileHandle>()(uploadBeginArgs),
  'files.uploadChunk': channel<{ received: number }>()(uploadChunkArgs),
  'files.uploadFinish': channel<FileHandle>()(fileArgs),
  /** Browser build: a chunk of a file the app wrote. */
  'files.download': channel<{ base64: string; size: number; end: boolean }>()(downloadArgs),
  /** Forgets an uploaded or written file. */
  'files.discard': channel<void>()(fileArgs)
} as const
