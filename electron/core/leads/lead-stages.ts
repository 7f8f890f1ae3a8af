import type { LeadStage, StageSemantics } from '../../contract'
import type { CrmStatus } from '../portal/methods/statuses'

const BY_CODE: Record<string, StageSemantics> = { S: 'success', F: 'failure' }

/**
 * The lead stages in the portal's order, each with its meaning (docs/bitrix24-protocol.md §8.12):
 * the portal says it (EXTRA.SEMANTICS, or SEMANTICS S/F); else it is positional — before the
 * success stage (CONVERTED) a stage is in process, after it a failure.
 */
export function leadStages(statuses: readonly CrmStatus[] | undefined): LeadStage[] {
  const stages = (statuses ?? []).filter((status) => status.ENTITY_ID === 'STATUS')
  const successAt = stages.findIndex(
    (status) => status.EXTRA?.SEMANTICS === 'success' || status.SEMANTICS === 'S' || status.STATUS_ID === 'CONVERTED'
  )
  return stages.map((status, index) => {
    const said = status.EXTRA?.SEMANTICS ?? (status.SEMANTICS ? BY_CODE[status.SEMANTICS] : undefined)
    const positional: StageSemantics =
      successAt < 0 || index < successAt ? 'process' : index === successAt ? 'success' : 'failure'
    return {
      id: status.STATUS_ID,
      name: status.NAME,
      semantics: said ?? positional,
      color: status.EXTRA?.COLOR ?? status.COLOR ?? null
    }
  })
}
