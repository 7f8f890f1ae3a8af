import type { MultifieldType } from './lead-fields'

/** One multifield value (phone, e-mail, ...) with its global ID. */
export interface MultiValue {
  id: number
  typeId: MultifieldType
  valueType: string
  value: string
}

/** A lead as the portal keeps it: scalar columns already in their API form (strings or null). */
export interface LeadRecord {
  id: number
  values: Record<string, string | null>
  /** User-field values in their stored form, keyed by UF_CRM_* name. */
  uf: Record<string, unknown>
  multi: MultiValue[]
}

/**
 * All leads, by ID, plus an ascending ID index so a keyset page (`>ID`, order ID ASC) costs
 * O(log N + page) even with a million leads. Deleted IDs stay in the index as holes until there
 * are enough of them to compact.
 */
export class LeadStore {
  private readonly byId = new Map<number, LeadRecord>()
  private ids: number[] = []
  private holes = 0

  get size(): number {
    return this.byId.size
  }

  get(id: number): LeadRecord | undefined {
    return this.byId.get(id)
  }

  insert(lead: LeadRecord): void {
    const last = this.ids[this.ids.length - 1]
    if (last !== undefined && lead.id <= last) throw new Error(`Lead IDs must grow: ${lead.id} after ${last}`)
    this.byId.set(lead.id, lead)
    this.ids.push(lead.id)
  }

  delete(id: number): boolean {
    if (!this.byId.delete(id)) return false
    this.holes++
    if (this.holes > 1000 && this.holes > this.ids.length / 10) {
      this.ids = this.ids.filter((existing) => this.byId.has(existing))
      this.holes = 0
    }
    return true
  }

  /** Leads with ID > afterId (or all), ascending by ID, lazily. */
  *ascending(afterId = 0): Generator<LeadRecord> {
    let low = 0
    let high = this.ids.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.ids[middle]! <= afterId) low = middle + 1
      else high = middle
    }
    for (let i = low; i < this.ids.length; i++) {
      const lead = this.byId.get(this.ids[i]!)
      if (lead) yield lead
    }
  }

  /** Leads with ID < beforeId (or all), descending by ID, lazily. */
  *descending(beforeId = Number.MAX_SAFE_INTEGER): Generator<LeadRecord> {
    for (let i = this.ids.length - 1; i >= 0; i--) {
      const id = this.ids[i]!
      if (id >= beforeId) continue
      const lead = this.byId.get(id)
      if (lead) yield lead
    }
  }

  all(): IterableIterator<LeadRecord> {
    return this.byId.values()
  }

  clear(): void {
    this.byId.clear()
    this.ids = []
    this.holes = 0
  }
}
