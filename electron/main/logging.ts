import electronLog from 'electron-log/main'
import type { LogSink } from '../core/log'

/** Core's log lines go to electron-log's file (in the app's logs folder) and console. */
export function useElectronLog(): LogSink {
  electronLog.initialize()
  return (level, message, ...details) => electronLog[level](message, ...details)
}
