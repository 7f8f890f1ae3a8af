/**
 * IPC calls are answered only when they come from the app's own window and from a page of a
 * trusted origin in it (not from a frame or a page the window was somehow made to show).
 */
export interface SenderEvent {
  sender: { id: number }
  senderFrame: { url: string } | null
}

export function createTrustedSenderCheck(
  getTrustedWebContentsIds: () => number[],
  trustedOrigins: readonly string[]
): (event: SenderEvent) => boolean {
  return (event) => {
    if (!getTrustedWebContentsIds().includes(event.sender.id)) return false
    const origin = pageOrigin(event.senderFrame?.url)
    return origin !== null && trustedOrigins.includes(origin)
  }
}

/**
 * The origin of a page's URL: `scheme://host[:port]`. WHATWG URLs give custom schemes such as
 * `app:` an opaque origin ("null"), so it is put together here; `file:` pages (no host) and URLs
 * carrying credentials have none.
 */
export function pageOrigin(url: string | undefined): string | null {
  const parsed = url === undefined ? null : URL.parse(url)
  if (!parsed || !parsed.host || parsed.username || parsed.password) return null
  return `${parsed.protocol}//${parsed.host}`
}
