import { join } from 'node:path'
import electronLog from 'electron-log/node'
import type { LogSink } from '../core/log'

/**
 * Core's log lines go to electron-log's file `main.log` in the app's logs folder.
 * The `node` flavour is used on purpose: `electron-log/main` registers its own IPC channel for
 * renderer logging, which would be a door outside the contract.
 */
export function useElectronLog(logsDir: string): LogSink {
  electronLog.transports.file.resolvePathFn = () => join(logsDir, 'main.log')
  return (level, message, ...details) => electronLog[level](message, ...details)
}
