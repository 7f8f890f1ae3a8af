/**
 * The words of the job log, shared by the core, the contract and the renderer (which imports
 * only the types). A kind or state added here must be named in the renderer's look-up tables,
 * or the renderer does not compile.
 */

/** What a job does: the sync's passes, and the user's own long work. */
export const JOB_KINDS = ['initial-grid', 'initial-details', 'sweep', 'push', 'import', 'export', 'bulk-edit'] as const
export type JobKind = (typeof JOB_KINDS)[number]

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

/** Each kind by a name, for code that writes one (JOB_KIND.initialGrid is 'initial-grid'). */
export const JOB_KIND = {
  initialGrid: 'initial-grid',
  initialDetails: 'initial-details',
  sweep: 'sweep',
  push: 'push',
  import: 'import',
  export: 'export',
  bulkEdit: 'bulk-edit'
} as const satisfies { [K in JobKind as CamelCase<K>]: K }

/**
 * Where a job stands. `queued`: waiting for its turn; `paused`: stopped by the user, to be
 * resumed; `interrupted`: the app stopped while it ran (resumable from its last checkpoint);
 * `needs-sign-in`: the portal's sign-in expired on the way. The last four are final.
 */
export const JOB_STATES = [
  'queued',
  'running',
  'paused',
  'interrupted',
  'done',
  'failed',
  'cancelled',
  'needs-sign-in'
] as const
export type JobState = (typeof JOB_STATES)[number]

/** How far a job has come: items done, items that failed, and how many there are when known. */
export interface JobProgress {
  done: number
  failed: number
  total?: number
}

export const isJobKind = (value: unknown): value is JobKind => (JOB_KINDS as readonly unknown[]).includes(value)

export const isJobState = (value: unknown): value is JobState => (JOB_STATES as readonly unknown[]).includes(value)
