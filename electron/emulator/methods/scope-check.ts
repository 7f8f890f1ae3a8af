import { RestError, restErrors } from '../errors'
import type { CallContext } from './context'

/** The scope error as the REST server raises it; inside a batch its description is empty. */
export function insufficientScopeError(inBatch: boolean): RestError {
  return inBatch ? new RestError('insufficient_scope', '', 403) : restErrors.insufficientScope()
}

/**
 * For methods the portal registers under several scopes (`user.current` is in `user`,
 * `user_basic` and `user_brief`): the caller needs any one of them.
 */
export function requireAnyScope(ctx: CallContext, scopes: readonly string[]): void {
  if (!scopes.some((scope) => ctx.caller.scopes.includes(scope))) throw insufficientScopeError(ctx.inBatch)
}
