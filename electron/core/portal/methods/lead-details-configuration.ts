import type { PortalClient } from '../portal-client'
import { asList, asMap, isObject } from './normalise'
import { readCommand, runCommand, writeCommand, type RequestOptions } from './command'

/** A field placed in a card section (docs/bitrix24-protocol.md §8.11). */
export interface CardElement {
  /** A lead field code; the portal does not check it. */
  name: string
  /** 1 = always shown, 0 = normal; echoed as sent (string or number). */
  optionFlags?: string | number
  options?: Record<string, unknown>
}

export interface CardSection {
  name: string
  title: string
  type: 'section'
  elements: CardElement[]
}

/** A section to store: `type` defaults to 'section', `elements` to []. */
export interface CardSectionInput {
  name: string
  title: string
  type?: 'section'
  elements?: CardElement[]
}

/** 1 = normal leads, 2 = repeat leads: each has its own layouts. */
export type LeadCustomerType = 1 | 2

/**
 * Which layout: the common one ('C'), or a user's personal one ('P'; default the caller's).
 * Other users' personal layouts need the right to edit others' settings.
 */
export type CardLayoutTarget =
  | { scope: 'C'; leadCustomerType?: LeadCustomerType }
  | { scope: 'P'; userId?: number; leadCustomerType?: LeadCustomerType }

/** `extras.leadCustomerType`: the docs' dotted `lead.customer.type` is not recognised by the portal. */
const extras = (leadCustomerType?: LeadCustomerType) =>
  leadCustomerType === undefined ? undefined : { leadCustomerType }

/** The parameters as the portal reads them: `userId` in camel case (USER_ID is ignored). */
function targetParams(target: CardLayoutTarget): Record<string, unknown> {
  return {
    scope: target.scope,
    userId: target.scope === 'P' ? target.userId : undefined,
    extras: extras(target.leadCustomerType)
  }
}

/** Element options of `[]` (an empty PHP array) become `{}`. */
function normaliseSections(raw: unknown): CardSection[] | null {
  if (raw === null) return null
  const sections = asList<CardSection>(raw)
  for (const section of sections) {
    if (!isObject(section)) continue
    for (const element of asList<CardSection['elements'][number]>(section.elements)) {
      if (isObject(element) && element.options !== undefined) element.options = asMap(element.options)
    }
  }
  return sections
}

const METHOD = 'crm.lead.details.configuration'

/** `crm.lead.details.configuration.*`: the lead card's sections and fields. */
export const cardLayoutCommands = {
  /** The stored sections, or null when none are stored for that scope and user. */
  get: (target: CardLayoutTarget) => readCommand(`${METHOD}.get`, targetParams(target), normaliseSections),

  /** Replaces the layout. */
  set: (target: CardLayoutTarget, sections: CardSectionInput[]) =>
    writeCommand<boolean>(`${METHOD}.set`, { ...targetParams(target), data: sections }),

  /** Deletes the stored layout (true also when none was stored). */
  reset: (target: CardLayoutTarget) => writeCommand<boolean>(`${METHOD}.reset`, targetParams(target)),

  /** Deletes every user's personal layout of that lead type, so all see the common one. */
  forceCommonScopeForAll: (leadCustomerType?: LeadCustomerType) =>
    writeCommand<boolean>(`${METHOD}.forceCommonScopeForAll`, { extras: extras(leadCustomerType) })
}

/** The card-layout commands, each sent on its own. */
export function leadDetailsConfigurationApi(client: PortalClient) {
  return {
    get: (target: CardLayoutTarget, options?: RequestOptions): Promise<CardSection[] | null> =>
      runCommand(client, cardLayoutCommands.get(target), options),

    set: (target: CardLayoutTarget, sections: CardSectionInput[], options?: RequestOptions): Promise<boolean> =>
      runCommand(client, cardLayoutCommands.set(target, sections), options),

    reset: (target: CardLayoutTarget, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, cardLayoutCommands.reset(target), options),

    forceCommonScopeForAll: (leadCustomerType?: LeadCustomerType, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, cardLayoutCommands.forceCommonScopeForAll(leadCustomerType), options)
  }
}

export type LeadDetailsConfigurationApi = ReturnType<typeof leadDetailsConfigurationApi>
