import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Emulator } from '../emulator'
import { sendJson } from './http-server'

/** `/oauth/authorize/` and `/oauth/token/` (bitrix24-rest.md §5.1). */
export async function serveOAuth(_emulator: Emulator, _request: IncomingMessage, response: ServerResponse, _url: URL) {
  sendJson(response, 404, { error: 'invalid_request', error_description: 'OAuth is being built' })
}
