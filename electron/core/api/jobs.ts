import type { ApiHandlers, jobChannels } from '../../contract'
import type { LeadsService } from '../leads/leads-service'

export type JobHandlers = Pick<ApiHandlers, keyof typeof jobChannels>

/** A portal's job log. */
export function createJobApi(leads: LeadsService): JobHandlers {
  return {
    'jobs.list': ({ portalId, limit }) => leads.jobs(portalId, limit)
  }
}
