import type { CallContext } from '../context'

/** The emulated portal's plan, as `app.info` names it: `{language}_{plan}`. */
const PLAN = { type: 'pro100', family: 'pro' }

/**
 * The emulator registers one application, a local one, so its ID is 1 and its code is its
 * client id; a local application has status L, no paid period (DAYS null) and is installed.
 */
const LOCAL_APP_ID = 1

/**
 * `app.info` (CRestProvider::appInfo). With an application token: the application's card. With a
 * webhook (a "password" auth) the portal answers only `{SCOPE, LICENSE}`.
 */
export function appInfo(ctx: CallContext): Record<string, unknown> {
  const lang = ctx.portal.settings.lang
  const license = `${lang}_${PLAN.type}`
  if (ctx.caller.kind === 'webhook') return { SCOPE: [...ctx.caller.scopes], LICENSE: license }
  return {
    ID: LOCAL_APP_ID,
    CODE: ctx.caller.clientId,
    VERSION: 1,
    STATUS: 'L',
    INSTALLED: true,
    PAYMENT_EXPIRED: 'N',
    DAYS: null,
    LANGUAGE_ID: lang,
    LICENSE: license,
    LICENSE_TYPE: PLAN.type,
    LICENSE_FAMILY: PLAN.family
  }
}
