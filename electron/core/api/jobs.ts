import type { ApiHandlers, jobChannels } from '../../contract'
import { toJobInfo } from '../jobs/job-infos'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

export type JobHandlers = Pick<ApiHandlers, keyof typeof jobChannels>

/** A portal's job log, and the user's control over its long jobs. */
export function createJobApi(workspaces: PortalWorkspaces): JobHandlers {
  const runner = async (portalId: string) => (await workspaces.open(portalId)).jobs
  return {
    'jobs.list': async ({ portalId, limit }) => (await runner(portalId)).list({ limit }).map(toJobInfo),
    'jobs.pause': async ({ portalId, jobId }) => toJobInfo((await runner(portalId)).pause(jobId)),
    'jobs.resume': async ({ portalId, jobId }) => toJobInfo((await runner(portalId)).resume(jobId)),
    'jobs.cancel': async ({ portalId, jobId }) => toJobInfo((await runner(portalId)).cancel(jobId))
  }
}
