/** IPC channel names used for events, e.g. `event:portals.changed` (calls use the contract names). */
export const EVENT_CHANNEL_PREFIX = 'event:'
