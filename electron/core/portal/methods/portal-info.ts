import type { PortalClient } from '../portal-client'
import type { YesNo } from './crm-values'
import { readCommand, runCommand, type RequestOptions } from './command'

/** `profile`: the caller's basic data (no scope needed). */
export interface Profile {
  ID: string
  ADMIN: boolean
  NAME: string | null
  LAST_NAME: string | null
  PERSONAL_GENDER: string
  /** Only for users with a photo. */
  PERSONAL_PHOTO?: string
  TIME_ZONE: string
  /** The user's offset from UTC, in seconds. */
  TIME_ZONE_OFFSET: number
}

/** `app.info` for an OAuth application. */
export interface ApplicationInfo {
  ID: number
  CODE: string
  VERSION: number
  /** F free, D demo, T trial, P paid, L local, S subscription. */
  STATUS: string
  INSTALLED: boolean
  PAYMENT_EXPIRED: YesNo
  /** Days of the paid period left; null when it does not apply. */
  DAYS: number | null
  LANGUAGE_ID: string
  LICENSE: string
  LICENSE_TYPE: string
  LICENSE_FAMILY: string
}

/** `app.info` for an incoming webhook: only its scopes and the portal's license. */
export interface WebhookInfo {
  SCOPE: string[]
  LICENSE: string
}

export type AppInfo = ApplicationInfo | WebhookInfo

export const isWebhookInfo = (info: AppInfo): info is WebhookInfo => 'SCOPE' in info

/** 1 = classic CRM (leads on), 2 = simple CRM (new leads become deals at once, docs/bitrix24-protocol.md §11). */
export type CrmMode = 1 | 2

/** What the portal says about the caller, the credentials and the CRM: checked when a portal is connected. */
export const portalInfoCommands = {
  profile: () => readCommand<Profile>('profile'),

  /** The scopes of the credentials, or with `full` every scope the portal has. */
  scope: (full = false) => readCommand<string[]>('scope', full ? { full: true } : {}),

  appInfo: () => readCommand<AppInfo>('app.info'),

  crmMode: () => readCommand<CrmMode>('crm.settings.mode.get')
}

/** The portal-info commands, each sent on its own. */
export function portalInfoApi(client: PortalClient) {
  return {
    profile: (options?: RequestOptions): Promise<Profile> => runCommand(client, portalInfoCommands.profile(), options),

    scope: (full = false, options?: RequestOptions): Promise<string[]> =>
      runCommand(client, portalInfoCommands.scope(full), options),

    appInfo: (options?: RequestOptions): Promise<AppInfo> => runCommand(client, portalInfoCommands.appInfo(), options),

    crmMode: (options?: RequestOptions): Promise<CrmMode> => runCommand(client, portalInfoCommands.crmMode(), options)
  }
}

export type PortalInfoApi = ReturnType<typeof portalInfoApi>
