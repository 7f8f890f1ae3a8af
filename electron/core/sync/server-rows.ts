import { checkServerLead } from '../domain/server-lead-check'
import type { LeadSchema } from '../domain/field-shapes'
import type { ServerLead } from '../domain/lead-types'
import { log } from '../log'
import { BAD_ANSWER, PortalError } from '../portal/portal-error'
import { leadSchemaOf } from '../metadata/lead-schema'
import type { LeadStore } from '../store/lead-store'

/** A broken portal can print thousands of bad rows: the log gets the first ones one by one. */
const LOGGED_ROWS = 20

/** What the checks did to the rows of one read, for the job log. */
export interface RowCheckCounts {
  /** Rows not stored: no usable ID. */
  skippedRows: number
  /** Values stored as empty (or list items dropped): the wrong type for their field. */
  emptiedValues: number
}

/**
 * The leads the portal printed, checked before they are stored or merged with (domain
 * server-lead-check): values of the wrong type are emptied and rows without a usable ID are
 * skipped, each with a logged reason.
 */
export class ServerRowCheck {
  readonly counts: RowCheckCounts = { skippedRows: 0, emptiedValues: 0 }
  private logged = 0

  constructor(
    private readonly schema: LeadSchema,
    /** What is being read, for the log ("the delta", "the first download"). */
    private readonly reading: string
  ) {}

  /** With the user fields the store's metadata describes. */
  static forStore(store: LeadStore, reading: string): ServerRowCheck {
    return new ServerRowCheck(leadSchemaOf(store.metadata()), reading)
  }

  /** The lead to store, or undefined when the row cannot be stored. */
  lead(row: unknown): ServerLead | undefined {
    const checked = checkServerLead(row, this.schema)
    if (!checked.ok) {
      this.counts.skippedRows++
      this.note(`A row of ${this.reading} was skipped: ${checked.reason}.`)
      return undefined
    }
    if (checked.problems.length) {
      this.counts.emptiedValues += checked.problems.length
      const reasons = checked.problems.map(({ field, reason }) => `${field}: ${reason}`).join('; ')
      this.note(`Lead ${checked.lead.ID} of ${this.reading} had values of the wrong type: ${reasons}.`)
    }
    return checked.lead
  }

  /** The storable leads among `rows`, one at a time. */
  *leads(rows: Iterable<unknown>): Generator<ServerLead> {
    for (const row of rows) {
      const lead = this.lead(row)
      if (lead) yield lead
    }
  }

  /**
   * Every row as a lead, or a failure: when a read must be complete (a lead missing from it would
   * look deleted on the portal, or a create not made yet), a row that cannot be used fails it.
   */
  allLeads(rows: readonly unknown[], method: string): ServerLead[] {
    const leads = [...this.leads(rows)]
    if (leads.length < rows.length) {
      const why = 'The portal listed a lead without a usable ID; the read cannot be trusted.'
      throw new PortalError(BAD_ANSWER.badId, why, 200, method, 'retryable')
    }
    return leads
  }

  private note(message: string): void {
    this.logged++
    if (this.logged <= LOGGED_ROWS) log.warn(message)
    if (this.logged === LOGGED_ROWS) log.warn(`Further rows of ${this.reading} with bad values are counted only.`)
  }
}
