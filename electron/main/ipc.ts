import { channelNames, eventNames, type EventName } from '../contract'
import type { Dispatch } from '../core/dispatch'
import type { EventBus } from '../core/events'
import { EVENT_CHANNEL_PREFIX } from '../ipc-names'
import type { SenderEvent } from './trusted-sender'

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, arg: unknown) => Promise<unknown>): void
}

/** Registers exactly one handler per contract channel; all go through the validating dispatcher. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (event: SenderEvent) => boolean
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, arg) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'UNTRUSTED_SENDER', message: 'This call did not come from the app window.' }
        }
      }
      return dispatch(channel, arg)
    })
  }
}

export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, payload: unknown): void
}

/** Forwards every core event to the window; returns the unsubscribe function. */
export function forwardEvents(events: EventBus, target: EventTarget): () => void {
  return events.onAny((event: EventName, payload) => {
    if (!target.isDestroyed()) target.send(EVENT_CHANNEL_PREFIX + event, payload)
  }, eventNames)
}
