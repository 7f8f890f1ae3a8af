import type { ApiHandlers, fileChannels } from '../../contract'
import { AppError } from '../errors'
import type { FilePort } from '../files/file-port'
import { TransferFilePort } from '../files/transfer-file-port'

export type FileHandlers = Pick<ApiHandlers, keyof typeof fileChannels>

/** Choosing files, and in the browser build moving them between the page and the core. */
export function createFileApi(files: FilePort): FileHandlers {
  const transfer = (): TransferFilePort => {
    if (files instanceof TransferFilePort) return files
    throw new AppError('INVALID_ARGUMENT', 'This app chooses files with the system dialogs; nothing is uploaded.')
  }
  return {
    'files.mode': async () => files.mode,
    'files.chooseToOpen': (options) => files.chooseFileToOpen(options),
    'files.chooseToSave': (options) => files.chooseFileToSave(options),
    'files.uploadBegin': ({ name, size }) => transfer().beginUpload(name, size),
    'files.uploadChunk': ({ id, offset, base64 }) => transfer().appendUpload(id, offset, base64),
    'files.uploadFinish': ({ id }) => transfer().finishUpload(id),
    'files.download': ({ id, offset, length }) => transfer().readForDownload(id, offset, length),
    'files.discard': ({ id }) => files.discard(id)
  }
}
