import type { PortalClient } from '../portal-client'
import { asList } from './normalise'

/** What every typed method accepts besides its own arguments. */
export interface RequestOptions {
  signal?: AbortSignal
}

/** One page of a list method: the portal pages by 50 and says where the next page starts. */
export interface Page<T> {
  items: T[]
  /** Count of all matches; 0 when the portal did not count (start -1, or a page past the end of user.get). */
  total: number
  /** Offset of the next page; absent on the last page. */
  next?: number
}

type Params = Record<string, unknown>

/** Calls a method that only reads: the client may send it again after a failure in transit. */
export async function readResult<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<T> {
  const answer = await client.call<T>(method, params, { signal: options.signal, write: false })
  return answer.result
}

/** Calls a method that changes data: never resent blindly, since it may have been executed. */
export async function writeResult<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<T> {
  const answer = await client.call<T>(method, params, { signal: options.signal, write: true })
  return answer.result
}

/** Reads one page of a list method. */
export async function readPage<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<Page<T>> {
  const answer = await client.call<unknown>(method, params, { signal: options.signal, write: false })
  return { items: asList<T>(answer.result), total: answer.total ?? 0, next: answer.next }
}

/** Drops the parameters the caller left out, so the portal applies its own defaults. */
export function definedParams(params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined))
}
