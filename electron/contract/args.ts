/** Argument schemas that channels of several areas share. */
import { z } from 'zod'

export const noArgs = z.undefined()
export const portalId = z.string().trim().min(1).max(64)
export const portalArgs = z.strictObject({ portalId })
export const fieldCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A field code looks like TITLE or UF_CRM_REGION')
