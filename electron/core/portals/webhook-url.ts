import { isSecureOrLocal } from '../auth/portal-address'
import { AppError } from '../errors'

/** The parts of an incoming-webhook URL `https://{portal}/rest/{userId}/{code}/`. */
export interface WebhookUrl {
  /** `portal.bitrix24.com` (with the port when there is one). */
  domain: string
  /** `https://portal.bitrix24.com` */
  origin: string
  userId: number
  code: string
}

export type WebhookUrlProblem = 'notUrl' | 'notHttps' | 'notWebhookPath' | 'hasCredentials'

// `/rest/{userId}/{code}/` optionally followed by a method name the user copied along.
const WEBHOOK_PATH = /^\/rest\/(\d{1,10})\/([A-Za-z0-9]{4,64})(?:\/[A-Za-z0-9._]*)?\/?$/

function invalid(problem: WebhookUrlProblem, message: string): AppError {
  return new AppError('INVALID_WEBHOOK_URL', message, { problem })
}

/**
 * Checks and splits a pasted incoming-webhook URL. Plain http is allowed only for loopback
 * addresses (the local demo portal); real portals are https.
 */
export function parseWebhookUrl(input: string): WebhookUrl {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw invalid('notUrl', 'This is not a web address. Paste the whole webhook URL, starting with https://')
  }
  if (url.username || url.password) {
    throw invalid('hasCredentials', 'The webhook URL must not contain a user name or password.')
  }
  if (!isSecureOrLocal(url)) {
    throw invalid('notHttps', 'A Bitrix24 webhook URL must start with https://')
  }
  const match = WEBHOOK_PATH.exec(url.pathname)
  if (!match || Number(match[1]) < 1) {
    throw invalid(
      'notWebhookPath',
      'This address is not an incoming webhook. It should look like https://your-portal.bitrix24.com/rest/1/abc123def456/'
    )
  }
  return { domain: url.host, origin: url.origin, userId: Number(match[1]), code: match[2]! }
}
