import type { ApiHandlers, jobChannels } from '../../contract'
import { toJobInfo } from '../leads/job-infos'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

export type JobHandlers = Pick<ApiHandlers, keyof typeof jobChannels>

/** A portal's job log. */
export function createJobApi(workspaces: PortalWorkspaces): JobHandlers {
  return {
    'jobs.list': async ({ portalId, limit }) =>
      (await workspaces.open(portalId)).store.listJobs({ limit }).map(toJobInfo)
  }
}
