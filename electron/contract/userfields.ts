/** Channels of the user field designer (list, create, edit and delete a portal's lead user fields). */
export const userfieldChannels = {} as const
