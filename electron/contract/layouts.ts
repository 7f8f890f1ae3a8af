/** Channels of the card layout editor (read and save how a lead card groups and orders its fields). */
export const layoutChannels = {} as const
