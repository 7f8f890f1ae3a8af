/**
 * The bulk reader of any list method (docs/bitrix24-protocol.md §8.4, §9; docs/architecture.md §5): keyset pages
 * (`order {ID: ASC}`, `filter {'>ID': last}`, `start: -1`, so the portal never counts) chained
 * inside one batch — page k's cursor is `$result[p(k-1)][49][ID]` — so one HTTP request brings up
 * to 50 pages, 2,500 rows. 100,000 rows take 40 requests, plus one that finds the end.
 *
 * The next batch is sent as soon as the last one arrived (its last ID is the cursor), while the
 * caller is still busy with the pages; its size adapts to the time the portal took (page-policy).
 */
import { backoffDelay, sleep, type BackoffOptions } from './backoff'
import { BATCH_LIMIT, NOT_RUN, type BatchClient, type BatchCommands, type CommandOutcome } from './batch'
import { resultRef } from './batch-references'
import { runBatchWithRetry, type RetryOptions } from './batch-retry'
import { heldPage, pageRows, PAGE_SIZE, type HeldPage, type ListRow } from './list-page'
import { LEAD_LIST_METHOD } from './methods/leads'
import { DEFAULT_PAGE_POLICY, nextPageCount, type PagePolicy } from './page-policy'
import { BAD_ANSWER, PortalError } from './portal-error'
import { parsedValue } from './raw-json'
import { ProgressMeter, type ReadProgress } from './read-progress'

export interface KeysetReadOptions {
  /** A list method that honours `order`, a `>ID` filter and `start: -1`. Default `crm.lead.list`. */
  method?: string
  /** Fields to read; the ID field is added when missing. Absent: the method's default fields. */
  select?: string[]
  filter?: Record<string, unknown>
  /** Other parameters of the method (e.g. `entityTypeId` of `crm.item.list`). */
  params?: Record<string, unknown>
  /** The ID field as the request names it (order, filter). Default `ID`. */
  idField?: string
  /** The ID field as rows name it, when that differs (`id`). Default: `idField`. */
  rowIdField?: string
  /** Where the rows are when the result is an object (`items` of `crm.item.list`). */
  itemsKey?: string
  /** Rows with an ID above this one (exclusive). Default 0. */
  afterId?: number
  /** Rows up to this ID (inclusive): the end of a shard. */
  throughId?: number
  /** Pages in the first batch (1–50); later batches adapt. Default 50. */
  pagesPerBatch?: number
  pagePolicy?: Partial<PagePolicy>
  /** Commands refused for the portal's limits are sent again (batch-retry). */
  retry?: Pick<RetryOptions, 'maxRounds' | 'backoff'>
  /** A page that failed with a retryable error is read again this many times in a row at most. */
  maxPageFailures?: number
  signal?: AbortSignal
  onProgress?: (progress: ReadProgress) => void
}

/**
 * The rows do not move the cursor forward (an ID that is not a number, or out of order): reading
 * on would loop forever or miss rows. The portal's answer is at fault, so it is a PortalError.
 */
export class StuckCursorError extends PortalError {
  constructor(method: string, detail: string) {
    super(
      BAD_ANSWER.badId,
      `the keyset cursor does not move on (${detail}). The method must sort by the ID field ` +
        'ascending, honour the ">ID" filter and return the ID field in every row.',
      200,
      method,
      'permanent'
    )
    this.name = 'StuckCursorError'
  }
}

/** Reads every matching row, page by page (a page is up to 50 rows, in ID order). */
export function readKeysetPages<Row extends ListRow = ListRow>(
  client: BatchClient,
  options: KeysetReadOptions = {}
): AsyncGenerator<Row[]> {
  return wholePages(readChain<Row>(client, options, new ProgressMeter(options.onProgress)))
}

/**
 * The same, each page parsed a row at a time as its rows are reached: a big download then keeps
 * one row alive at a time, not a page (raw-json.ts says why that matters).
 */
export function readLazyKeysetPages<Row extends ListRow = ListRow>(
  client: BatchClient,
  options: KeysetReadOptions = {}
): AsyncGenerator<LazyPage<Row>> {
  return readChain<Row>(client, options, new ProgressMeter(options.onProgress))
}

/** The same, row by row. */
export async function* readKeysetRows<Row extends ListRow = ListRow>(
  client: BatchClient,
  options: KeysetReadOptions = {}
): AsyncGenerator<Row> {
  for await (const page of readLazyKeysetPages<Row>(client, options)) yield* page.rows()
}

/** A page of rows in ID order, each checked against the cursor as it is parsed. */
export interface LazyPage<Row> {
  readonly count: number
  /** The rows one at a time, each parsed when reached. */
  rows(): Iterable<Row>
  /** Every row at once. */
  all(): Row[]
}

/** Lazy pages as arrays of rows. */
export async function* wholePages<Row>(pages: AsyncIterable<LazyPage<Row>>): AsyncGenerator<Row[]> {
  for await (const page of pages) yield page.all()
}

interface ChainPlan {
  method: string
  idField: string
  rowIdField: string
  itemsKey?: string
  afterId: number
  throughId?: number
  policy: PagePolicy
  retry: Pick<RetryOptions, 'maxRounds' | 'backoff'>
  failureBackoff: BackoffOptions
  maxPageFailures: number
  /** The parameters of a page whose cursor is `after` (a number or a reference). */
  pageParams(after: number | string): Record<string, unknown>
  /** One page of IDs, highest first: its first row is the end of the list. */
  probeParams: Record<string, unknown>
}

/** A page not yet given to the caller, and the cursor its rows must rise from. */
interface PendingPage<Row> {
  page: HeldPage<Row>
  after: number
}

/** One batch of the chain; each page's rows are parsed and checked when the caller takes it. */
interface ChainStep<Row> {
  pages: PendingPage<Row>[]
  rows: number
  cursor: number
  done: boolean
  pagesRun: number
  seconds?: number
  requests: number
  /** A page failed with a retryable error: the pages before it are kept, the read goes on from it. */
  failure?: PortalError
  /** The highest ID, when this batch asked. */
  endHint?: number
}

/** One chain over an ID range; shards share `meter`. */
export async function* readChain<Row extends ListRow>(
  client: BatchClient,
  options: KeysetReadOptions,
  meter: ProgressMeter
): AsyncGenerator<LazyPage<Row>> {
  const plan = chainPlan(options)
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  // The highest ID when the read began, asked for (one command) in the first batch: later
  // batches are cut to what can be left plus one page that sees the end, so pages no longer run
  // past the end, where their `$result[…][49]` reference points at nothing. Only a hint: rows
  // added meanwhile are still read, because that extra page looks beyond it.
  let endHint: number | undefined
  let probed = plan.throughId !== undefined
  const pagesFor = (cursor: number, pages: number) => {
    if (plan.throughId !== undefined) return Math.min(pages, Math.ceil((plan.throughId - cursor) / PAGE_SIZE))
    if (endHint !== undefined) return Math.min(pages, Math.max(0, Math.ceil((endHint - cursor) / PAGE_SIZE)) + 1)
    return pages
  }
  const send = (cursor: number, pages: number, delayMs = 0) =>
    handled(
      sleep(delayMs, signal).then(() => {
        const pageCount = probed ? pagesFor(cursor, pages) : Math.min(pages, BATCH_LIMIT - 1)
        return fetchStep<Row>(client, plan, { cursor, pageCount, probe: !probed }, signal)
      })
    )

  let pages = clampPages(options.pagesPerBatch, plan.policy)
  let cursor = plan.afterId
  let failures = 0
  let inFlight = pagesFor(cursor, pages) > 0 ? send(cursor, pages) : undefined
  try {
    while (inFlight) {
      let step: ChainStep<Row>
      try {
        step = await inFlight
      } catch (error) {
        // The portal stopped the request at its time cap: ask for fewer pages at once.
        if (isTimeout(error) && pages > plan.policy.min) {
          pages = Math.max(plan.policy.min, Math.floor(pages / 2))
          inFlight = send(cursor, pages)
          continue
        }
        throw error
      }
      inFlight = undefined
      meter.add({ rows: step.rows, pages: step.pages.length, requests: step.requests })
      pages = nextPageCount(pages, step.pagesRun, step.seconds, plan.policy)
      cursor = step.cursor
      if (!probed) [probed, endHint] = [true, step.endHint]
      if (endHint !== undefined && cursor > endHint) endHint = undefined
      failures = step.failure ? failures + 1 : 0
      if (step.failure && failures > plan.maxPageFailures) throw step.failure
      if (!step.done) {
        // Sent now, before the caller gets these pages: the next cursor is already known.
        inFlight = send(cursor, pages, step.failure ? backoffDelay(failures - 1, plan.failureBackoff) : 0)
      }
      for (const { page, after } of step.pages) {
        options.signal?.throwIfAborted()
        yield checkedPage(plan, page, after)
      }
    }
  } finally {
    // The caller stopped early (or failed): the batch under way is no longer wanted.
    if (inFlight) stop.abort(new Error('The read was stopped.'))
  }
}

function chainPlan(options: KeysetReadOptions): ChainPlan {
  const method = options.method ?? LEAD_LIST_METHOD
  const idField = options.idField ?? 'ID'
  const filter = options.filter ?? {}
  const clash = Object.keys(filter).find((key) => /^[<>]=?/.test(key) && key.replace(/^[<>]=?/, '') === idField)
  if (clash) throw new Error(`Filter key "${clash}" would fight the cursor: use afterId / throughId instead.`)
  const select = options.select && withField(options.select, idField)
  const throughId = options.throughId
  return {
    method,
    idField,
    rowIdField: options.rowIdField ?? idField,
    itemsKey: options.itemsKey,
    afterId: options.afterId ?? 0,
    throughId,
    policy: { ...DEFAULT_PAGE_POLICY, ...options.pagePolicy },
    retry: options.retry ?? {},
    failureBackoff: options.retry?.backoff ?? { baseMs: 500, capMs: 10_000 },
    maxPageFailures: options.maxPageFailures ?? 5,
    pageParams: (after) => ({
      ...options.params,
      order: { [idField]: 'ASC' },
      filter: {
        ...filter,
        [`>${idField}`]: after,
        ...(throughId === undefined ? {} : { [`<=${idField}`]: throughId })
      },
      ...(select ? { select } : {}),
      start: -1
    }),
    probeParams: { ...options.params, order: { [idField]: 'DESC' }, filter, select: [idField], start: -1 }
  }
}

function withField(select: string[], field: string): string[] {
  return select.some((name) => name.toUpperCase() === field.toUpperCase()) ? select : [field, ...select]
}

function clampPages(pages: number | undefined, policy: PagePolicy): number {
  return Math.max(policy.min, Math.min(policy.max, Math.floor(pages ?? policy.max)))
}

/** Marks a promise as handled now, so a failure while the caller is busy is not "unhandled". */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}

function isTimeout(error: unknown): boolean {
  return error instanceof PortalError && (error.code === 'REQUEST_TIMEOUT' || error.code === 'TIMEOUT')
}

async function fetchStep<Row extends ListRow>(
  client: BatchClient,
  plan: ChainPlan,
  step: { cursor: number; pageCount: number; probe: boolean },
  signal: AbortSignal
): Promise<ChainStep<Row>> {
  const keys = Array.from({ length: step.pageCount }, (_, index) => `p${index}`)
  const lastIdOf = (key: string) =>
    plan.itemsKey === undefined
      ? resultRef(key, PAGE_SIZE - 1, plan.rowIdField)
      : resultRef(key, plan.itemsKey, PAGE_SIZE - 1, plan.rowIdField)
  const commands: BatchCommands = step.probe ? { [END_PROBE]: { method: plan.method, params: plan.probeParams } } : {}
  keys.forEach((key, index) => {
    const after = index === 0 ? step.cursor : lastIdOf(keys[index - 1]!)
    commands[key] = { method: plan.method, params: plan.pageParams(after) }
  })
  const reply = await runBatchWithRetry(client, commands, { ...plan.retry, signal, rawResults: true })
  const outcomes = keys.map((key) => reply.outcomes[key]!)
  return {
    ...readPages<Row>(plan, outcomes, step.cursor),
    pagesRun: outcomes.filter((outcome) => outcome.ok || outcome.error.code !== NOT_RUN).length,
    seconds: processingSeconds(outcomes, reply.time?.processing),
    requests: reply.requests,
    endHint: step.probe ? probedEnd(plan, reply.outcomes[END_PROBE]) : undefined
  }
}

const END_PROBE = 'end'

/** The highest ID, if the probe worked; a failed probe only costs the hint. */
function probedEnd(plan: ChainPlan, outcome: CommandOutcome | undefined): number | undefined {
  if (!outcome?.ok) return undefined
  const first = pageRows<ListRow>(plan.method, parsedValue(outcome.result), plan.itemsKey)[0]
  const id = Number(first?.[plan.rowIdField])
  return Number.isFinite(id) ? id : undefined
}

/**
 * The pages of one batch up to the first short page (after it, the `$result[…][49]` reference
 * of the next page had nothing to point at, so those pages are meaningless). Only each page's
 * last row is read here, for the cursor; the caller's side checks every row as it parses them.
 */
function readPages<Row extends ListRow>(
  plan: ChainPlan,
  outcomes: CommandOutcome[],
  from: number
): Pick<ChainStep<Row>, 'pages' | 'rows' | 'cursor' | 'done' | 'failure'> {
  const pages: PendingPage<Row>[] = []
  let cursor = from
  let rows = 0
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      if (outcome.error.kind !== 'retryable') throw outcome.error
      return { pages, rows, cursor, done: false, failure: outcome.error }
    }
    const page = heldPage<Row>(plan.method, outcome.result, plan.itemsKey)
    if (page.count > 0) {
      pages.push({ page, after: cursor })
      cursor = lastId(plan, page, cursor)
    }
    rows += page.count
    if (page.count < PAGE_SIZE || (plan.throughId !== undefined && cursor >= plan.throughId)) {
      return { pages, rows, cursor, done: true }
    }
  }
  return { pages, rows, cursor, done: false }
}

/** A held page whose rows are checked against the cursor as they are parsed. */
function checkedPage<Row extends ListRow>(plan: ChainPlan, page: HeldPage<Row>, after: number): LazyPage<Row> {
  return {
    count: page.count,
    *rows() {
      let last = after
      for (const row of page.each()) {
        last = checkIds(plan, [row], last)
        yield row
      }
    },
    all() {
      const rows = page.rows()
      checkIds(plan, rows, after)
      return rows
    }
  }
}

/**
 * The cursor after a page, from its last row. A page whose last row is wrong is checked whole,
 * so the error names its first bad row.
 */
function lastId(plan: ChainPlan, page: HeldPage<ListRow>, cursor: number): number {
  try {
    return checkIds(plan, [page.lastRow()!], cursor)
  } catch {
    return checkIds(plan, page.rows(), cursor)
  }
}

/** The page's last ID; every ID must be a number above the one before it. */
function checkIds(plan: ChainPlan, page: ListRow[], cursor: number): number {
  let last = cursor
  for (const row of page) {
    const id = Number(row[plan.rowIdField])
    if (!Number.isFinite(id)) {
      throw new StuckCursorError(plan.method, `a row has no numeric "${plan.rowIdField}"`)
    }
    if (id <= last) throw new StuckCursorError(plan.method, `asked for ${plan.idField} > ${last}, got ${id}`)
    if (plan.throughId !== undefined && id > plan.throughId) {
      throw new StuckCursorError(plan.method, `asked for ${plan.idField} <= ${plan.throughId}, got ${id}`)
    }
    last = id
  }
  return last
}

/** Portal time of the batch: its own `processing`, or the sum over its commands. */
function processingSeconds(outcomes: CommandOutcome[], outer: number | undefined): number | undefined {
  const commands = outcomes.reduce((sum, outcome) => sum + (outcome.ok ? (outcome.time?.processing ?? 0) : 0), 0)
  const seconds = Math.max(outer ?? 0, commands)
  return seconds > 0 ? seconds : undefined
}
