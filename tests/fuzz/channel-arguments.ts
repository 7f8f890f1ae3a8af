import fc from 'fast-check'
import type { ChannelName } from '../../electron/contract'
import type { FuzzFacts } from './fuzz-core'
import { hostileKey, hostileNumber, hostileText, hostileValue, NASTY_TEXTS } from './hostile-values'

/**
 * Arguments for each channel: some as the renderer would send them, built from the channel's
 * schema and the real portals, leads, ops and files (so the handler is reached), some of those
 * broken in one place (a key missing, one too many, one value hostile), and some hostile outright.
 */

type Recipe = (facts: FuzzFacts) => fc.Arbitrary<unknown>

/** A real value most of the time, a made-up one sometimes. */
const mostly = <T>(real: readonly T[], madeUp: fc.Arbitrary<T>) =>
  real.length ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: madeUp, weight: 1 }) : madeUp
/** A sensible number most of the time, a hostile one sometimes. */
const number = (sensible: fc.Arbitrary<number>) =>
  fc.oneof({ arbitrary: sensible, weight: 4 }, { arbitrary: hostileNumber, weight: 1 })

/** Texts a renderer could send: short real-looking ones and the hostile ones. */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: Math.min(maxLength, 30) }),
    hostileText.filter((value) => value.length <= maxLength)
  )

// Not 'demo': once a call opened the demo portal, a sync of its thousands of leads takes minutes.
const portalIdOf = (facts: FuzzFacts) => mostly(facts.portalIds, fc.constantFrom('nope', 'p1', ' ', 'x'.repeat(64)))
const leadKeyOf = (facts: FuzzFacts) =>
  mostly(facts.leadKeys, fc.oneof(fc.constantFrom(-1, 1, 2 ** 31, 2 ** 53 - 1), fc.integer()))
const fieldOf = (facts: FuzzFacts) =>
  mostly(facts.fieldCodes, fc.constantFrom('NO_SUCH_FIELD', 'UF_CRM_NOPE', 'PHONE', 'EMAIL', 'ID'))

const OPERATORS = ['=', '!', '>', '>=', '<', '<=', '%', '@', 'empty', 'notEmpty'] as const
const SEARCHES = ['"a" OR b*', 'NEAR(a b)', 'a AND NOT b', "'; DROP TABLE leads; --", 'title:x', '^a', '*', '"']

const filterValue = (facts: FuzzFacts) =>
  fc.oneof(
    mostly(facts.statusIds, fc.constant('NEW')),
    text(1_000),
    fc.integer(),
    fc.constantFrom('2024-05-23', '2024-05-23T18:18:25+02:00', 'Y', 'N', '', null, true),
    fc.array(fc.oneof(mostly(facts.statusIds, fc.constant('NEW')), fc.integer(), text(50)), { maxLength: 20 }),
    // As many values as one list may hold: the folded copy and the value are both bound.
    fc.constant(Array.from({ length: 1_000 }, (_, index) => `Lead ${index}`))
  )

const condition = (facts: FuzzFacts) =>
  fc.record(
    { field: fieldOf(facts), op: fc.constantFrom(...OPERATORS), value: filterValue(facts) },
    { requiredKeys: ['field', 'op'] }
  )

/** The filters the limits are about: the most a filter may hold, and far more. */
const bigFilters = fc.constantFrom(
  Array.from({ length: 5 }, () => ({ field: 'TITLE', op: '@', value: Array.from({ length: 1_000 }, String) })),
  Array.from({ length: 50 }, () => ({ field: 'TITLE', op: '@', value: Array.from({ length: 1_000 }, String) })),
  Array.from({ length: 50 }, (_, index) => ({ field: 'TITLE', op: '%', value: `part ${index}` }))
)

const filter = (facts: FuzzFacts) =>
  fc.oneof({ arbitrary: fc.array(condition(facts), { maxLength: 6 }), weight: 8 }, { arbitrary: bigFilters, weight: 1 })

const search = fc.oneof(fc.constantFrom(...SEARCHES), text(200))

const gridQuery = (facts: FuzzFacts) =>
  fc.record(
    {
      filter: filter(facts),
      sort: fc.array(fc.record({ field: fieldOf(facts), direction: fc.constantFrom('asc', 'desc') }), { maxLength: 3 }),
      search,
      offset: fc.oneof(fc.constant(0), fc.nat(1_000), fc.constant(Number.MAX_SAFE_INTEGER)),
      limit: fc.integer({ min: 1, max: 500 })
    },
    { requiredKeys: ['offset', 'limit'] }
  )

const facetQuery = (facts: FuzzFacts) => fc.record({ filter: filter(facts), search }, { requiredKeys: [] })

const bulkTarget = (facts: FuzzFacts) =>
  fc.oneof(fc.record({ keys: fc.array(leadKeyOf(facts), { maxLength: 20 }) }), fc.record({ query: facetQuery(facts) }))

const viewId = fc.oneof(fc.uuid(), text(70))
const viewSettings = (facts: FuzzFacts) =>
  fc.record(
    {
      name: text(100),
      columns: fc.array(
        fc.record({ code: fieldOf(facts), width: fc.integer({ min: 0, max: 2_000 }) }, { requiredKeys: ['code'] }),
        {
          maxLength: 8
        }
      ),
      pinned: fc.integer({ min: -1, max: 8 }),
      filter: filter(facts),
      sort: fc.array(fc.record({ field: fieldOf(facts), direction: fc.constantFrom('asc', 'desc') }), { maxLength: 3 }),
      search
    },
    { requiredKeys: ['name', 'columns'] }
  )

/** A field value as an edit sends it: real stages, texts, numbers, multifields, or anything. */
const fieldValue = (facts: FuzzFacts) =>
  fc.oneof(
    mostly(facts.statusIds, fc.constant('NEW')),
    text(300),
    number(fc.integer()),
    fc.constantFrom(null, '', 'Y', 'N', '2024-05-23T18:18:25+02:00', '100|USD'),
    fc.array(fc.record({ VALUE: text(60), VALUE_TYPE: fc.constantFrom('WORK', 'HOME', 'MOBILE', 'NOPE') }), {
      maxLength: 3
    }),
    hostileValue
  )

/** The fields users change most, with values of their kind (texts may still be hostile). */
const usualPatch = (facts: FuzzFacts) =>
  fc
    .record(
      {
        TITLE: text(255),
        COMMENTS: text(1_000),
        NAME: text(50),
        STATUS_ID: mostly(facts.statusIds, fc.constant('NOPE')),
        OPPORTUNITY: number(fc.integer({ min: 0, max: 1_000_000 })),
        PHONE: fc.array(
          fc.record({ VALUE: fc.constantFrom('+1 555 0100', '+49 30 123456'), VALUE_TYPE: fc.constant('WORK') }),
          {
            maxLength: 2
          }
        )
      },
      { requiredKeys: [] }
    )
    .filter((values) => Object.keys(values).length > 0)

const patch = (facts: FuzzFacts) =>
  fc.oneof(
    { arbitrary: usualPatch(facts), weight: 3 },
    { arbitrary: fc.dictionary(fieldOf(facts), fieldValue(facts), { minKeys: 1, maxKeys: 4 }), weight: 1 }
  )

const productRow = fc.record(
  {
    PRODUCT_ID: number(fc.integer({ min: 0, max: 50 })),
    PRODUCT_NAME: text(255),
    PRICE: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), text(20)),
    QUANTITY: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)),
    DISCOUNT_TYPE_ID: fc.constantFrom(1, 2),
    DISCOUNT_RATE: fc.double({ min: 0, max: 100, noNaN: true }),
    TAX_RATE: fc.oneof(fc.constant(null), fc.constantFrom(0, 10, 20)),
    TAX_INCLUDED: fc.constantFrom('Y', 'N')
  },
  { requiredKeys: ['PRODUCT_NAME'] }
)

const contactItem = fc.record(
  {
    CONTACT_ID: number(fc.integer({ min: 1, max: 100 })),
    SORT: fc.integer({ min: -10, max: 1000 }),
    IS_PRIMARY: fc.constantFrom('Y', 'N')
  },
  { requiredKeys: ['CONTACT_ID'] }
)

const consoleParams = (facts: FuzzFacts) =>
  fc.oneof(
    fc.constant({}),
    fc.record({ id: leadKeyOf(facts) }),
    fc.record({
      filter: fc.dictionary(fc.constantFrom('>ID', '%TITLE', 'STATUS_ID', '@ID'), fieldValue(facts), { maxKeys: 2 }),
      select: fc.array(fieldOf(facts), { maxLength: 4 }),
      start: fc.oneof(fc.constant(-1), fc.nat(100))
    }),
    fc.dictionary(hostileKey(['filter', 'select', 'fields', 'id']), hostileValue, { maxKeys: 4 })
  )

const fileId = (facts: FuzzFacts) => mostly(facts.fileIds, fc.uuid())
const fileFilters = fc.array(
  fc.record({
    name: text(100),
    extensions: fc.array(fc.constantFrom('csv', 'xlsx', 'json', '*', '.csv'), { maxLength: 3 })
  }),
  { maxLength: 3 }
)

const portalArgs = (facts: FuzzFacts) => fc.record({ portalId: portalIdOf(facts) })
const leadArgs = (facts: FuzzFacts) => fc.record({ portalId: portalIdOf(facts), key: leadKeyOf(facts) })
const relationRead = (facts: FuzzFacts) =>
  fc.record(
    { portalId: portalIdOf(facts), key: leadKeyOf(facts), refresh: fc.boolean() },
    { requiredKeys: ['portalId', 'key'] }
  )
const opArgs = (facts: FuzzFacts) => fc.record({ portalId: portalIdOf(facts), opId: mostly(facts.opIds, fc.uuid()) })
const jobArgs = (facts: FuzzFacts) =>
  fc.record({ portalId: portalIdOf(facts), jobId: mostly(facts.jobIds, fc.integer({ min: -1, max: 10_000 })) })
const none: Recipe = () => fc.constant(undefined)

/** Valid-looking arguments of every channel of the contract (the type makes sure none is missing). */
export const validLooking: Record<ChannelName, Recipe> = {
  'app.info': none,
  'portals.list': none,
  'portals.connectWebhook': (facts) =>
    fc.record(
      {
        url: fc.constantFrom(
          ...facts.webhookUrls,
          'http://127.0.0.1:1/rest/1/abcdefghij/',
          'https://user:secret@127.0.0.1:1/rest/1/abcdefghij/',
          'http://evil.invalid/rest/1/abcdefghij/',
          `${facts.portalAddress}/rest/1/wrong-code/`
        ),
        name: text(100)
      },
      { requiredKeys: ['url'] }
    ),
  'portals.startOAuth': (facts) =>
    fc.record({
      portalAddress: fc.constantFrom(
        facts.portalAddress,
        '127.0.0.1:1',
        'http://evil.invalid',
        ...NASTY_TEXTS.slice(0, 3)
      ),
      clientId: fc.oneof(fc.constant(facts.clientId), text(255)),
      clientSecret: text(255)
    }),
  'portals.cancelOAuth': none,
  'portals.remove': (facts) => fc.record({ id: fc.constantFrom(facts.removablePortalId, 'nope', 'demo') }),
  'portals.update': (facts) =>
    fc.record(
      {
        id: portalIdOf(facts),
        name: text(100),
        color: fc.oneof(fc.constantFrom('#2080f0', '#F0A020'), text(10)),
        isProduction: fc.boolean()
      },
      { requiredKeys: ['id'] }
    ),
  'portals.openDemo': none,
  // No portal has moved: a confirmation is refused, a dismissal changes nothing.
  'portals.confirmMove': (facts) =>
    fc.record({
      id: portalIdOf(facts),
      origin: fc.oneof(fc.constantFrom('https://other.bitrix24.com', 'http://evil.invalid', 'null'), text(300))
    }),
  'portals.dismissMove': (facts) => fc.record({ id: portalIdOf(facts) }),
  'console.call': (facts) =>
    fc.record(
      {
        portalId: portalIdOf(facts),
        method: fc.constantFrom(
          'profile',
          'crm.lead.list',
          'crm.lead.get',
          'crm.lead.fields',
          'crm.status.list',
          'batch',
          'no.such'
        ),
        params: consoleParams(facts)
      },
      { requiredKeys: ['portalId', 'method'] }
    ),
  'leads.fields': portalArgs,
  'leads.query': (facts) => fc.record({ portalId: portalIdOf(facts), query: gridQuery(facts) }),
  'leads.facets': (facts) => fc.record({ portalId: portalIdOf(facts), query: facetQuery(facts) }),
  'leads.edit': (facts) => fc.record({ portalId: portalIdOf(facts), key: leadKeyOf(facts), patch: patch(facts) }),
  'leads.create': (facts) => fc.record({ portalId: portalIdOf(facts), fields: patch(facts) }),
  'leads.delete': leadArgs,
  'leads.undo': leadArgs,
  'leads.setProductRows': (facts) =>
    fc.record({ portalId: portalIdOf(facts), key: leadKeyOf(facts), rows: fc.array(productRow, { maxLength: 3 }) }),
  'leads.setContacts': (facts) =>
    fc.record({ portalId: portalIdOf(facts), key: leadKeyOf(facts), items: fc.array(contactItem, { maxLength: 3 }) }),
  'leads.bulkEdit': (facts) =>
    fc.record({ portalId: portalIdOf(facts), target: bulkTarget(facts), patch: patch(facts) }),
  'leads.bulkDelete': (facts) => fc.record({ portalId: portalIdOf(facts), target: bulkTarget(facts) }),
  'leads.bulkUndo': (facts) => fc.record({ portalId: portalIdOf(facts), bulkId: fc.oneof(fc.uuid(), text(40)) }),
  'leads.bulkStatus': (facts) => fc.record({ portalId: portalIdOf(facts), bulkId: fc.oneof(fc.uuid(), text(40)) }),
  'leads.productRows': relationRead,
  'leads.contacts': relationRead,
  'leads.cardLayout': leadArgs,
  'leads.card': leadArgs,
  'leads.history': leadArgs,
  'leads.searchProducts': (facts) => fc.record({ portalId: portalIdOf(facts), text: text(200) }),
  'leads.searchContacts': (facts) => fc.record({ portalId: portalIdOf(facts), text: text(200) }),
  'leads.contactNames': (facts) =>
    fc.record({ portalId: portalIdOf(facts), ids: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 5 }) }),
  'sync.start': (facts) =>
    fc.record(
      { portalId: portalIdOf(facts), mode: fc.constantFrom('auto', 'delta', 'full') },
      { requiredKeys: ['portalId'] }
    ),
  'sync.cancel': portalArgs,
  'sync.status': portalArgs,
  'conflicts.list': portalArgs,
  'conflicts.resolve': (facts) =>
    fc.record({
      portalId: portalIdOf(facts),
      id: mostly(facts.conflictIds, fc.integer({ min: -1, max: 1_000 })),
      choice: fc.oneof(
        fc.constant({ kind: 'mine' }),
        fc.constant({ kind: 'theirs' }),
        fc.record({ kind: fc.constant('edit'), value: fieldValue(facts) })
      )
    }),
  'outbox.list': portalArgs,
  'outbox.retry': opArgs,
  'outbox.discard': opArgs,
  'jobs.list': (facts) =>
    fc.record(
      { portalId: portalIdOf(facts), limit: number(fc.integer({ min: 1, max: 500 })) },
      { requiredKeys: ['portalId'] }
    ),
  'jobs.pause': jobArgs,
  'jobs.resume': jobArgs,
  'jobs.cancel': jobArgs,
  'files.mode': none,
  'files.chooseToOpen': () => fc.record({ title: text(200), filters: fileFilters }),
  'files.chooseToSave': () => fc.record({ title: text(200), defaultName: text(255), filters: fileFilters }),
  'files.uploadBegin': () => fc.record({ name: text(255), size: number(fc.nat(10_000)) }),
  'files.uploadChunk': (facts) =>
    fc.record({
      id: fileId(facts),
      offset: number(fc.nat(20)),
      base64: fc.oneof(fc.base64String({ maxLength: 40 }), text(40))
    }),
  'files.uploadFinish': (facts) => fc.record({ id: fileId(facts) }),
  'files.download': (facts) =>
    fc.record({ id: fileId(facts), offset: fc.nat(100), length: fc.integer({ min: 1, max: 1024 * 1024 }) }),
  'files.discard': (facts) => fc.record({ id: fileId(facts) }),
  'views.list': portalArgs,
  'views.save': (facts) =>
    fc.record(
      { portalId: portalIdOf(facts), id: viewId, settings: viewSettings(facts) },
      { requiredKeys: ['portalId', 'settings'] }
    ),
  'views.remove': (facts) => fc.record({ portalId: portalIdOf(facts), id: viewId }),
  'views.setDefault': (facts) => fc.record({ portalId: portalIdOf(facts), id: viewId }, { requiredKeys: ['portalId'] })
}

type Container = Record<string, unknown> | unknown[]
type Path = Array<string | number>
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null

/** The small lists and maps near the top of an argument (not inside the big hostile values): where a mutation can hit. */
function placesOf(root: unknown): Path[] {
  const found: Path[] = []
  const stack: Array<{ value: unknown; path: Path }> = [{ value: root, path: [] }]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item
    if (!isContainer(value) || path.length > 4 || Object.keys(value).length > 50) continue
    found.push(path)
    for (const [key, child] of Object.entries(value)) {
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] })
    }
  }
  return found
}

/** A copy of the container (own keys as they are, `__proto__` among them). */
const copyOf = (value: Container): Container => (Array.isArray(value) ? [...value] : { ...value })

/** Changes the container at `path` in a copy of `root`: only the containers on the way are copied. */
function changedAt(root: unknown, path: Path, change: (target: Container) => void): unknown {
  const top = copyOf(root as Container)
  let target = top
  for (const step of path) {
    const child = copyOf((target as Record<string | number, unknown>)[step] as Container)
    setOwn(target, String(step), child)
    target = child
  }
  change(target)
  return top
}

/** Sets a key as an own property, even `__proto__` (as JSON.parse would). */
function setOwn(target: Container, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true })
}

/** A valid-looking argument broken in one place: a key dropped, a key added, a value made hostile. */
function broken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .record({
      arg: valid,
      where: fc.nat(),
      how: fc.constantFrom('drop', 'add', 'replace', 'wrap'),
      key: hostileKey(['portalId', 'key', 'query', 'filter', 'value', 'patch', 'id']),
      value: hostileValue
    })
    .map(({ arg, where, how, key, value }) => {
      if (how === 'wrap') return [arg]
      const places = placesOf(arg)
      if (places.length === 0) return value
      return changedAt(arg, places[where % places.length]!, (target) => {
        const keys = Object.keys(target)
        const existing = keys.length ? keys[where % keys.length]! : key
        if (how === 'add') setOwn(target, key, value)
        else if (how === 'replace') setOwn(target, existing, value)
        else if (Array.isArray(target)) target.splice(Number(existing), 1)
        else delete target[existing]
      })
    })
}

/** Arguments for one channel: valid-looking, broken in one place, and hostile outright. */
export function argumentsFor(channel: ChannelName, facts: FuzzFacts): fc.Arbitrary<unknown> {
  const valid = validLooking[channel](facts)
  return fc.oneof(
    { arbitrary: valid, weight: 9 },
    { arbitrary: broken(valid), weight: 7 },
    { arbitrary: hostileValue, weight: 4 }
  )
}
