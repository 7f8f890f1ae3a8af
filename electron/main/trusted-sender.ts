/**
 * IPC calls are answered only when they come from the app's own window and from the app's own
 * page in it (not from a frame or a page the window was somehow made to show).
 */
export interface SenderEvent {
  sender: { id: number }
  senderFrame: { url: string } | null
}

export function createTrustedSenderCheck(
  getTrustedWebContentsIds: () => number[],
  appUrl: string
): (event: SenderEvent) => boolean {
  const appOrigin = originOf(appUrl)
  return (event) => {
    if (!getTrustedWebContentsIds().includes(event.sender.id)) return false
    const frameUrl = event.senderFrame?.url
    if (!frameUrl) return false
    return appOrigin === 'file:'
      ? frameUrl.startsWith(appUrl.split('#')[0]!.split('?')[0]!)
      : originOf(frameUrl) === appOrigin
  }
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'file:' ? 'file:' : parsed.origin
  } catch {
    return 'invalid'
  }
}
