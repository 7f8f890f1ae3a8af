import { ALL_SCOPES } from '../../state/credentials'
import { methods, type CallContext } from '../context'
import { phpLooseTrue, upperKeys } from '../php-values'
import { appInfo } from './app-info'

/**
 * `profile` (CRestProvider::getProfile): the caller's basic data, no scope needed.
 * PERSONAL_PHOTO appears only for users with a photo, which emulated users never have.
 * TIME_ZONE_OFFSET is the user's offset from UTC in seconds: the portal's, here.
 */
function profile(ctx: CallContext): Record<string, unknown> {
  const { user } = ctx.caller
  return {
    ID: String(user.id),
    ADMIN: user.isAdmin,
    NAME: user.name,
    LAST_NAME: user.lastName,
    PERSONAL_GENDER: '',
    TIME_ZONE: '',
    TIME_ZONE_OFFSET: ctx.portal.clock.utcOffsetMinutes * 60
  }
}

/**
 * `scope`: the caller's scopes, or with `full` every scope the portal knows. `full` is PHP's
 * loose truth, so form-encoded `full=false` means the full list (as the docs warn).
 */
function scope(ctx: CallContext): string[] {
  return phpLooseTrue(upperKeys(ctx.params).FULL) ? [...ALL_SCOPES] : [...ctx.caller.scopes]
}

/** Methods every caller may use (the global scope). */
export const portalMethods = methods({
  profile: { scope: null, handler: profile },
  scope: { scope: null, handler: scope },
  'app.info': { scope: null, handler: appInfo }
})
