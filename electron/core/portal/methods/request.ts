import type { CallResult, PortalClient } from '../portal-client'
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

/** Request parameters: any object (typed queries are interfaces, which have no index signature). */
type Params = object

function send<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions,
  write: boolean
): Promise<CallResult<T>> {
  return client.call<T>(method, params as Record<string, unknown>, { signal: options.signal, write })
}

/** Calls a method that only reads: the client may send it again after a failure in transit. */
export async function readResult<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<T> {
  return (await send<T>(client, method, params, options, false)).result
}

/** Calls a method that changes data: never resent blindly, since it may have been executed. */
export async function writeResult<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<T> {
  return (await send<T>(client, method, params, options, true)).result
}

/** Reads one page of a list method. */
export async function readPage<T>(
  client: PortalClient,
  method: string,
  params: Params,
  options: RequestOptions = {}
): Promise<Page<T>> {
  const { result, total, next } = await send<unknown>(client, method, params, options, false)
  return { items: asList<T>(result), total: total ?? 0, next }
}
