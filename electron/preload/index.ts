import { contextBridge, ipcRenderer } from 'electron'
import { buildWindowApi } from '../api-shape'
import { channelNames, eventNames } from '../contract'
import { EVENT_CHANNEL_PREFIX } from '../ipc-names'

// The renderer gets exactly the contract's calls and events, nothing else of ipcRenderer.
const api = buildWindowApi(
  channelNames,
  eventNames,
  (channel, arg) => ipcRenderer.invoke(channel, arg),
  (event, listener) => {
    const channel = EVENT_CHANNEL_PREFIX + event
    const handler = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, handler)
    return () => ipcRenderer.removeListener(channel, handler)
  }
)

contextBridge.exposeInMainWorld('api', api)
