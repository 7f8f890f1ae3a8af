/** The small pages the browser shows after the portal sends it back to the app. No scripts. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!)

function page(title: string, text: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; margin: 3rem">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(text)}</p>`,
    '</body></html>'
  ].join('\n')
}

export function signedInPage(): string {
  return page('Lead Admin', 'The portal sent the sign-in back to Lead Admin. You can close this window.')
}

export function failedPage(text: string): string {
  return page('Lead Admin: sign-in failed', text)
}
