/**
 * One HTTP exchange with a portal: a JSON POST, a timeout, no blind redirects. A portal whose
 * address changed answers 302 with the new address (docs/bitrix24-protocol.md §1.1): following it would
 * turn the POST into a GET and lose the body, so the answer is handed back instead.
 */
import { RawJson } from './raw-json'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export type Exchange =
  { kind: 'answer'; status: number; body: Record<string, unknown> } | { kind: 'moved'; location: string }

export interface TransportOptions {
  fetch?: FetchLike
  /** Per request; the portal itself stops at 60 s, so a little more than that. */
  timeoutMs?: number
  userAgent?: string
}

export const DEFAULT_TIMEOUT_MS = 65_000

export class BadResponseError extends Error {
  constructor(
    readonly status: number,
    text: string
  ) {
    super(`The portal answered HTTP ${status} with something that is not JSON: ${text.slice(0, 200)}`)
    this.name = 'BadResponseError'
  }
}

/**
 * Sends one request. With `rawResult`, the answer's `result` is left unparsed (a RawJson) for the
 * caller to read in parts; everything else in the answer is parsed.
 */
export async function exchange(
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
  options: TransportOptions,
  rawResult = false
): Promise<Exchange> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? 'LeadAdmin/1.0'
    },
    body: JSON.stringify(body),
    redirect: 'manual',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout
  })
  const location = response.headers.get('location')
  if ([301, 302, 303, 307, 308].includes(response.status) && location) {
    await response.body?.cancel()
    return { kind: 'moved', location: new URL(location, url).href }
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  try {
    const parsed = rawResult ? answerWithRawResult(bytes) : JSON.parse(new TextDecoder().decode(bytes))
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { kind: 'answer', status: response.status, body: parsed as Record<string, unknown> }
    }
  } catch {
    // handled below
  }
  throw new BadResponseError(response.status, new TextDecoder().decode(bytes.subarray(0, 200)))
}

/** The answer object with every member parsed except `result`, which stays as bytes. */
function answerWithRawResult(bytes: Uint8Array): Record<string, unknown> | undefined {
  const answer = RawJson.of(bytes)
  if (answer.kind !== 'object') return undefined
  return answer.parsedMembersBut('result')
}
