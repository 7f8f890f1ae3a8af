/**
 * The logger core code writes to. Core never imports electron, so the main process plugs
 * electron-log in with `setLogSink`; tests and the loopback bridge keep the quiet default
 * or plug in their own.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (level: LogLevel, message: string, ...details: unknown[]) => void

let sink: LogSink = (level, message, ...details) => {
  if (level === 'error' || level === 'warn')
    process.stderr.write(`[${level}] ${message} ${details.map(String).join(' ')}\n`)
}

export function setLogSink(next: LogSink): void {
  sink = next
}

export const log = {
  debug: (message: string, ...details: unknown[]) => sink('debug', message, ...details),
  info: (message: string, ...details: unknown[]) => sink('info', message, ...details),
  warn: (message: string, ...details: unknown[]) => sink('warn', message, ...details),
  error: (message: string, ...details: unknown[]) => sink('error', message, ...details)
}
