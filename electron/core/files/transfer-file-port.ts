import { randomUUID } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle as OpenFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable, type Readable } from 'node:stream'
import { MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES } from '../../contract'
import { AppError } from '../errors'
import { unknownFileError, wrongUseError, type ChooseToSave, type FileHandle, type FilePort } from './file-port'

/**
 * Bounds of a transfer. Chunks travel as base64 text in one call each, so a chunk of 1 MiB is
 * about 1.4 MB on the wire.
 */
export interface TransferLimits {
  /** The largest file the renderer may upload. */
  maxFileBytes: number
  /** The most bytes one upload or download call carries. */
  maxChunkBytes: number
  /** Uploads begun and not yet finished or cancelled. */
  maxOpenUploads: number
  /** An upload that received nothing for this long is abandoned (the page was closed, say). */
  idleUploadMs: number
}

export const DEFAULT_TRANSFER_LIMITS: TransferLimits = {
  maxFileBytes: MAX_UPLOAD_BYTES,
  maxChunkBytes: MAX_CHUNK_BYTES,
  maxOpenUploads: 4,
  idleUploadMs: 10 * 60_000
}

/** What the staging folder keeps beside each file, so a handle outlives the process. */
interface StagedMeta {
  name: string
  chosenTo: 'open' | 'save'
}

interface Upload {
  name: string
  size: number
  /** Bytes promised to calls so far: each writes at its own offset. */
  received: number
  file: OpenFile
  writes: Set<Promise<unknown>>
  /** When it last began or received a chunk (ms). */
  lastActivity: number
}

const ID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The name a file is shown under: its last path part, without control characters. */
export function displayName(name: string): string {
  const bare = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return bare.slice(0, 255) || 'file'
}

const refuse = (message: string) => new AppError('INVALID_ARGUMENT', message)

/**
 * Files for the browser build, where the core cannot show a file dialog: the renderer uploads the
 * file the user picked (in chunks) and gets a handle back; for a file to save the core writes into
 * the staging folder and the renderer downloads it (in chunks) to where the browser saves files.
 *
 * Each file lives in `<dir>/<id>/`: `meta.json` (its name and use), `data.part` while it is
 * being uploaded or written, `data` once it is whole. Only whole files are read.
 */
export class TransferFilePort implements FilePort {
  readonly mode = 'transfer'
  private readonly limits: TransferLimits
  private readonly uploads = new Map<string, Upload>()

  constructor(
    private readonly dir: string,
    limits: Partial<TransferLimits> = {},
    private readonly now: () => number = Date.now
  ) {
    this.limits = { ...DEFAULT_TRANSFER_LIMITS, ...limits }
  }

  /** No dialog can open here: the renderer uploads the file first and passes its handle on. */
  async chooseFileToOpen(): Promise<FileHandle | null> {
    throw refuse('This build has no file dialog: upload the file instead.')
  }

  /** The file is made here; the browser asks where to keep it when the renderer downloads it. */
  async chooseFileToSave({ defaultName }: ChooseToSave): Promise<FileHandle | null> {
    const name = displayName(defaultName)
    return { id: await this.stage({ name, chosenTo: 'save' }), name }
  }

  /** Starts an upload of `size` bytes; the chunks follow with `appendUpload`. */
  async beginUpload(name: string, size: number): Promise<FileHandle> {
    if (!Number.isSafeInteger(size) || size < 0) throw refuse('The file size must be a whole number of bytes.')
    if (size > this.limits.maxFileBytes)
      throw refuse(`The file is larger than ${this.limits.maxFileBytes} bytes, the most that can be uploaded.`)
    await this.dropAbandonedUploads()
    if (this.uploads.size >= this.limits.maxOpenUploads)
      throw refuse('Too many uploads at once: finish or cancel one first.')
    const shown = displayName(name)
    const id = await this.stage({ name: shown, chosenTo: 'open' })
    const file = await open(this.pathOf(id, 'data.part'), 'w')
    this.uploads.set(id, { name: shown, size, received: 0, file, writes: new Set(), lastActivity: this.now() })
    return { id, name: shown, size }
  }

  /** Writes the next chunk (base64) at `offset`, which must be where the previous one ended. */
  async appendUpload(id: string, offset: number, base64: string): Promise<{ received: number }> {
    const upload = this.upload(id)
    if (!BASE64.test(base64)) throw refuse('The chunk is not base64 text.')
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.length > this.limits.maxChunkBytes)
      throw refuse(`A chunk may carry at most ${this.limits.maxChunkBytes} bytes.`)
    if (offset !== upload.received) throw refuse(`The next chunk starts at byte ${upload.received}, not ${offset}.`)
    if (offset + bytes.length > upload.size) throw refuse('The chunks are larger than the file size given.')
    // Claimed before the write, so the next call may already go on at the following offset.
    upload.received += bytes.length
    upload.lastActivity = this.now()
    const write = upload.file.write(bytes, 0, bytes.length, offset)
    upload.writes.add(write)
    try {
      await write
    } catch (error) {
      await this.discard(id)
      throw error
    } finally {
      upload.writes.delete(write)
    }
    return { received: upload.received }
  }

  /** The whole file has arrived: it becomes readable under its handle. */
  async finishUpload(id: string): Promise<FileHandle> {
    const upload = this.upload(id)
    if (upload.received !== upload.size) throw refuse(`Only ${upload.received} of ${upload.size} bytes have arrived.`)
    this.uploads.delete(id)
    await Promise.all(upload.writes)
    await upload.file.close()
    await rename(this.pathOf(id, 'data.part'), this.pathOf(id, 'data'))
    return { id, name: upload.name, size: upload.size }
  }

  /** Up to `length` bytes of a file the core has finished writing, from `offset`, as base64. */
  async readForDownload(
    id: string,
    offset: number,
    length: number
  ): Promise<{ base64: string; size: number; end: boolean }> {
    this.staged(id, 'save')
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 1)
      throw refuse('Offset and length must be whole numbers (length at least 1).')
    if (length > this.limits.maxChunkBytes)
      throw refuse(`A chunk may carry at most ${this.limits.maxChunkBytes} bytes.`)
    const file = await open(this.pathOf(id, 'data')).catch(() => {
      throw new AppError('NOT_FOUND', `The file ${id} has not been written yet.`)
    })
    try {
      const { size } = await file.stat()
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset)
      return { base64: buffer.subarray(0, bytesRead).toString('base64'), size, end: offset + bytesRead >= size }
    } finally {
      await file.close()
    }
  }

  openRead(handle: Pick<FileHandle, 'id'>): Readable {
    this.staged(handle.id, 'open')
    if (this.uploads.has(handle.id)) throw refuse(`The upload of ${handle.id} has not finished.`)
    return createReadStream(this.pathOf(handle.id, 'data'))
  }

  /** The file appears under its handle once the stream has finished (a broken write leaves none). */
  openWrite(handle: Pick<FileHandle, 'id'>): Writable {
    this.staged(handle.id, 'save')
    return stagedWriter(this.pathOf(handle.id, 'data.part'), this.pathOf(handle.id, 'data'))
  }

  /** Removes a file and its handle (an upload on its way is cancelled). */
  async discard(id: string): Promise<void> {
    if (!ID_FORMAT.test(id)) throw unknownFileError(id)
    const upload = this.uploads.get(id)
    if (upload) {
      this.uploads.delete(id)
      await Promise.allSettled(upload.writes)
      await upload.file.close().catch(() => undefined)
    }
    await rm(join(this.dir, id), { recursive: true, force: true })
  }

  /** Removes staged files last changed before `time` (ms), except uploads on their way. Returns how many. */
  /** Closes the uploads under way (the app is closing); what they received is removed. */
  async dispose(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.discard(id)))
  }

  private async dropAbandonedUploads(): Promise<void> {
    const before = this.now() - this.limits.idleUploadMs
    const abandoned = [...this.uploads].filter(([, upload]) => upload.lastActivity < before).map(([id]) => id)
    await Promise.all(abandoned.map((id) => this.discard(id)))
  }

  async removeOlderThan(time: number): Promise<number> {
    const ids = await readdir(this.dir).catch(() => [])
    let removed = 0
    for (const id of ids) {
      if (!ID_FORMAT.test(id) || this.uploads.has(id)) continue
      const changed = await stat(join(this.dir, id)).then(
        (found) => found.mtimeMs,
        () => time
      )
      if (changed >= time) continue
      await rm(join(this.dir, id), { recursive: true, force: true })
      removed++
    }
    return removed
  }

  private async stage(meta: StagedMeta): Promise<string> {
    const id = randomUUID()
    await mkdir(join(this.dir, id), { recursive: true })
    await writeFile(this.pathOf(id, 'meta.json'), JSON.stringify(meta))
    return id
  }

  /** The staged file's record, when `id` names one made for `use`. */
  private staged(id: string, use: StagedMeta['chosenTo']): StagedMeta {
    const meta = ID_FORMAT.test(id) ? this.readMeta(id) : undefined
    if (!meta) throw unknownFileError(id)
    if (meta.chosenTo !== use) throw wrongUseError(id, meta.chosenTo)
    return meta
  }

  /** A few bytes, read at once so that openRead and openWrite can refuse before they return a stream. */
  private readMeta(id: string): StagedMeta | undefined {
    try {
      return JSON.parse(readFileSync(this.pathOf(id, 'meta.json'), 'utf8')) as StagedMeta
    } catch {
      return undefined
    }
  }

  private upload(id: string): Upload {
    const upload = this.uploads.get(id)
    if (!upload) throw unknownFileError(id)
    return upload
  }

  private pathOf(id: string, file: 'meta.json' | 'data.part' | 'data'): string {
    return join(this.dir, id, file)
  }
}

/** Writes to `partPath`; once the stream finishes, the file takes its place at `finalPath`. */
function stagedWriter(partPath: string, finalPath: string): Writable {
  let file: OpenFile | undefined
  return new Writable({
    construct(callback) {
      open(partPath, 'w').then((opened) => {
        file = opened
        callback()
      }, callback)
    },
    write(chunk: Buffer, _encoding, callback) {
      file!.write(chunk).then(() => callback(), callback)
    },
    final(callback) {
      const written = file!
      file = undefined
      written
        .close()
        .then(() => rename(partPath, finalPath))
        .then(() => callback(), callback)
    },
    destroy(error, callback) {
      const unfinished = file
      file = undefined
      if (!unfinished) return callback(error)
      unfinished.close().then(
        () => callback(error),
        () => callback(error)
      )
    }
  })
}
