import { redact } from '../redact'
import type { ConsoleReply } from '../../contract'
import type { PortalClient } from '../portal/portal-client'
import { PortalError } from '../portal/portal-error'

/**
 * The REST console: one call, shown raw — result or error, timings and the operating figures.
 * Secrets are cut out of whatever comes back, in case a method echoes what it was sent.
 */
export async function consoleCall(
  client: PortalClient,
  method: string,
  params: Record<string, unknown>,
  secrets: string[]
): Promise<ConsoleReply> {
  const started = performance.now()
  let reply: ConsoleReply
  try {
    const answer = await client.call(method, params, { write: true })
    reply = {
      status: 200,
      ms: 0,
      result: answer.result,
      total: answer.total,
      next: answer.next,
      time: answer.time as Record<string, unknown>
    }
  } catch (error) {
    if (!(error instanceof PortalError)) throw error
    reply = { status: error.status, ms: 0, error: error.code, errorDescription: error.description }
  }
  reply.ms = Math.round(performance.now() - started)
  return redact(reply, secrets)
}
