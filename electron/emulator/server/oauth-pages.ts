import type { OAuthApp } from '../state/credentials'
import type { PortalUser } from '../state/users'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!)

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body><h1>${escapeHtml(title)}</h1>`,
    body,
    '</body></html>'
  ].join('\n')
}

/** The portal's own error page: shown instead of a redirect (unknown application, bad user). */
export function errorPage(message: string): string {
  return page('Authorization error', `<p id="error">${escapeHtml(message)}</p>`)
}

/**
 * The approve page of `/oauth/authorize/`: a plain form, no scripts. It posts back to the same
 * address with the application, the `state` to hand back, and the user who approves (user 1 by
 * default; tests and the demo may pick another).
 */
export function approvePage(app: OAuthApp, state: string | undefined, users: PortalUser[], userId: number): string {
  const options = users
    .filter((user) => user.active)
    .map((user) => {
      const selected = user.id === userId ? ' selected' : ''
      const label = `${user.name} ${user.lastName} (${user.id})`
      return `<option value="${user.id}"${selected}>${escapeHtml(label)}</option>`
    })
  const stateField = state === undefined ? '' : `<input type="hidden" name="state" value="${escapeHtml(state)}">`
  return page(
    'Allow access to your Bitrix24',
    [
      `<p>The application <b>${escapeHtml(app.clientId)}</b> asks for access: ${escapeHtml(app.scopes.join(', '))}.</p>`,
      '<form method="post" action="/oauth/authorize/">',
      `<input type="hidden" name="client_id" value="${escapeHtml(app.clientId)}">`,
      stateField,
      `<label>User <select name="user_id">${options.join('')}</select></label>`,
      '<button type="submit">Allow</button>',
      '</form>'
    ].join('\n')
  )
}
