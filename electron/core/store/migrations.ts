import type { DatabaseSync } from 'node:sqlite'
import { inTransaction } from './database'
import { effectiveValues, SEARCH_COLUMNS, searchDocument } from './effective-lead'
import { parseJsonText } from './json-text'
import { stageOrderFrom, writeStageOrder } from './stage-order'

/**
 * The schema's history. PRAGMA user_version holds the number of migrations applied; each
 * migration runs in its own transaction together with the version bump, so a crash leaves the
 * database at a whole version. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number
  description: string
  up(db: DatabaseSync): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'leads with indexed columns, their JSON documents, outbox, conflicts, meta, cursors, job log',
    up(db) {
      db.exec(`
        -- Narrow on purpose: the columns the grid filters and sorts on. Scans over it stay cheap
        -- because the JSON documents live in lead_docs.
        CREATE TABLE leads (
          key INTEGER PRIMARY KEY,
          sync_state TEXT NOT NULL DEFAULT 'synced'
            CHECK (sync_state IN ('synced', 'pending', 'conflict', 'error')),
          has_full INTEGER NOT NULL DEFAULT 0,
          title TEXT, title_fold TEXT,
          name TEXT, name_fold TEXT,
          last_name TEXT, last_name_fold TEXT,
          company_title TEXT, company_title_fold TEXT,
          status_id TEXT,
          source_id TEXT,
          assigned_by_id INTEGER,
          opportunity REAL,
          currency_id TEXT,
          -- Dates as ms since epoch, so they compare by time whatever their offset; the ISO text
          -- stays in the document (a copy here would only widen every scan).
          date_create_ms INTEGER,
          date_modify_ms INTEGER
        );
        CREATE INDEX leads_title ON leads (title_fold);
        CREATE INDEX leads_name ON leads (name_fold);
        CREATE INDEX leads_last_name ON leads (last_name_fold);
        CREATE INDEX leads_company_title ON leads (company_title_fold);
        CREATE INDEX leads_status ON leads (status_id);
        CREATE INDEX leads_source ON leads (source_id);
        CREATE INDEX leads_assigned ON leads (assigned_by_id);
        CREATE INDEX leads_opportunity ON leads (opportunity);
        CREATE INDEX leads_date_create ON leads (date_create_ms);
        CREATE INDEX leads_date_modify ON leads (date_modify_ms);

        -- JSONB documents: the last server copy (NULL for a lead created offline), the unsent
        -- local patch, and server ⊕ local — the latter only while there is a patch.
        CREATE TABLE lead_docs (
          key INTEGER PRIMARY KEY REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          server BLOB,
          local BLOB,
          effective BLOB
        );

        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          op_id TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete', 'productrows', 'contacts')),
          lead_key INTEGER NOT NULL REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          patch TEXT NOT NULL,
          base TEXT NOT NULL,
          client_key TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'needs-attention', 'done')),
          next_attempt_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
        CREATE INDEX outbox_lead ON outbox (lead_key, seq);

        CREATE TABLE conflicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_key INTEGER NOT NULL REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          op_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('field', 'deleted')),
          field TEXT,
          base TEXT,
          mine TEXT,
          theirs TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX conflicts_lead ON conflicts (lead_key);

        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

        CREATE TABLE job_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          finished_at INTEGER,
          status TEXT NOT NULL,
          details TEXT
        );
        CREATE INDEX job_log_kind ON job_log (kind, id);
      `)
    }
  },
  {
    version: 2,
    description: 'full-text index over titles, names, company, phones, e-mails and comments',
    up(db) {
      // Contentless (the text is in lead_docs) with rowid = lead key; contentless_delete lets a
      // row be replaced without the old text.
      db.exec(`
        CREATE VIRTUAL TABLE lead_search USING fts5 (
          ${SEARCH_COLUMNS.join(', ')},
          content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        )
      `)
      const insert = db.prepare(
        `INSERT INTO lead_search (rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(SEARCH_COLUMNS.length)})`
      )
      const docs = db.prepare('SELECT key, json(server) AS server, json(local) AS local FROM lead_docs')
      for (const row of docs.iterate() as Iterable<{ key: number; server: string | null; local: string | null }>) {
        const values = effectiveValues(parseJsonText(row.server), parseJsonText(row.local))
        insert.run(row.key, ...searchDocument(values))
      }
    }
  },
  {
    version: 3,
    description: 'stage position column, so STATUS_ID sorts by the stage list',
    up(db) {
      db.exec('ALTER TABLE leads ADD COLUMN status_sort INTEGER')
      db.exec('CREATE INDEX leads_stage_order ON leads (status_sort, status_id)')
      const statuses = db.prepare("SELECT value FROM meta WHERE key = 'statuses'").get() as
        { value: string } | undefined
      // Read here as that version stored it, whatever the metadata model becomes later.
      const stored: unknown = parseJsonText(statuses?.value)
      const stages = (Array.isArray(stored) ? stored : []).filter(
        (item): item is { ENTITY_ID: string; STATUS_ID: string; SORT: string } =>
          typeof item?.ENTITY_ID === 'string' &&
          typeof item.STATUS_ID === 'string' &&
          (typeof item.SORT === 'string' || typeof item.SORT === 'number')
      )
      writeStageOrder(db, stageOrderFrom(stages))
    }
  },
  {
    version: 4,
    description: 'job log entries a job can resume from: params, progress, checkpoint, error, time of last change',
    up(db) {
      db.exec(`
        -- JSON text, like details.
        ALTER TABLE job_log ADD COLUMN params TEXT;
        ALTER TABLE job_log ADD COLUMN progress TEXT;
        ALTER TABLE job_log ADD COLUMN checkpoint TEXT;
        ALTER TABLE job_log ADD COLUMN error TEXT;
        ALTER TABLE job_log ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
        UPDATE job_log SET updated_at = coalesce(finished_at, started_at);
      `)
    }
  },
  {
    version: 5,
    description: "a lead's product rows and bound contacts as last read from the portal, for the card offline",
    up(db) {
      db.exec(`
        CREATE TABLE lead_relations (
          lead_key INTEGER NOT NULL REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('productrows', 'contacts')),
          -- JSON: the rows, or the contact bindings.
          items TEXT NOT NULL,
          -- When read from the portal (ms); NULL: what the app last sent, not read back yet.
          read_at INTEGER,
          PRIMARY KEY (lead_key, kind)
        ) WITHOUT ROWID
      `)
    }
  },
  {
    version: 6,
    description: "every change the app saw to a lead's fields (from sync, edits and undo), for the card's history",
    up(db) {
      db.exec(`
        CREATE TABLE lead_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_key INTEGER NOT NULL REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          at INTEGER NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('sync', 'edit', 'undo')),
          field TEXT NOT NULL,
          -- JSON text of the values; NULL when the field had none.
          before TEXT,
          after TEXT
        );
        CREATE INDEX lead_history_lead ON lead_history (lead_key, id);
      `)
    }
  },
  {
    version: 7,
    description:
      'the elements of list fields (phones, e-mails, multiple userfields) in a table of their own; an index the facets read alone',
    up(db) {
      // lead_list_values is filled field by field, when the grid first filters on one (list-values.ts).
      db.exec(`
        -- The facets count leads per (stage, source); filtered on these columns, from this index
        -- alone (a third of the table's width), in group order. It also finds leads by stage.
        DROP INDEX leads_status;
        CREATE INDEX leads_facets ON leads (status_id, source_id, assigned_by_id, opportunity, date_create_ms, date_modify_ms);

        -- One row per element with a value: the value as the grid compares it, and its folded text.
        -- In lead order within each field: a sync page appends to each field's rows instead of
        -- dirtying pages all over an index of values, and a filter reads its field's rows only.
        CREATE TABLE lead_list_values (
          field TEXT NOT NULL,
          lead_key INTEGER NOT NULL REFERENCES leads (key) ON UPDATE CASCADE ON DELETE CASCADE,
          -- No declared type: numbers stay numbers and texts texts, as the grid compares them.
          value NOT NULL,
          folded TEXT,
          PRIMARY KEY (field, lead_key, value)
        ) WITHOUT ROWID;
        CREATE INDEX lead_list_values_lead ON lead_list_values (lead_key);
        -- The list fields lead_list_values holds (those the grid was asked about), with the shape
        -- they were read in ("multifield text", "values number", ...).
        CREATE TABLE lead_list_fields (field TEXT PRIMARY KEY, shape TEXT NOT NULL) WITHOUT ROWID;
      `)
    }
  },
  {
    version: 8,
    description:
      'list elements found by value; the facets index also holds the folded title, so facets of a title filter read it alone',
    up(db) {
      db.exec(`
        -- "Contains" on the title is tested in the facets index: counting its matches in group
        -- order needs no sort of the matches, which cost ~10× the scan when most titles match.
        DROP INDEX leads_facets;
        CREATE INDEX leads_facets ON leads (status_id, source_id, assigned_by_id, opportunity, date_create_ms, date_modify_ms, title_fold);

        -- = @ > < on a list finds its elements by value instead of reading every element of the field.
        CREATE INDEX lead_list_values_value ON lead_list_values (field, value);
      `)
    }
  }
]

/** The version of the last migration. */
export const LATEST_VERSION = MIGRATIONS.at(-1)!.version

export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
}

/** Brings the database to `target` (the latest by default). */
export function migrate(db: DatabaseSync, target = LATEST_VERSION): void {
  const current = schemaVersion(db)
  if (current > LATEST_VERSION) {
    throw new Error(
      `This lead database has schema version ${current}; this version of the app knows up to ${LATEST_VERSION}. ` +
        'Update the app to open it.'
    )
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue
    inTransaction(db, () => {
      migration.up(db)
      db.exec(`PRAGMA user_version = ${migration.version}`)
    })
  }
}
