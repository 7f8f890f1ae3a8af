/**
 * How much server time a call costs, in seconds. Not measured: modelled, so that the operating
 * budget and the emulated delays behave like a real portal under load, independently of how fast
 * this machine is. The figures are rough medians of a mid-sized cloud portal.
 */
export const COST = {
  /** Any call: routing, auth, permission checks. */
  base: 0.004,
  /** A write (add/update/delete) and its side effects. */
  write: 0.025,
  /** A single read by ID. */
  read: 0.008,
  /** A list page: fixed part, per row, and per row per selected field. */
  listPage: 0.01,
  perRow: 0.0003,
  perRowField: 0.00004,
  /** Counting the matches for `total` (start >= 0): fixed part plus per matching row. */
  count: 0.03,
  perCountedRow: 0.000002
}

export function listPageCost(rows: number, selectedFields: number, countedRows: number | undefined): number {
  const page = COST.listPage + rows * (COST.perRow + COST.perRowField * selectedFields)
  return countedRows === undefined ? page : page + COST.count + countedRows * COST.perCountedRow
}
