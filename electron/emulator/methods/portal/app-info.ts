import type { CallContext } from '../context'

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
  // `{language}_{plan}`, e.g. en_pro100 or ru_ent250.
  const plan = ctx.portal.settings.plan
  const license = `${lang}_${plan}`
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
    LICENSE_TYPE: plan,
    LICENSE_FAMILY: plan.replace(/\d+$/, '')
  }
}
