import type { ApiHandlers, layoutChannels } from '../../contract'
import type { LayoutsService } from '../layouts/layouts-service'

export type LayoutHandlers = Pick<ApiHandlers, keyof typeof layoutChannels>

/** The card-layout editor's channels: one line each, calling the service. */
export function createLayoutApi(_layouts: LayoutsService): LayoutHandlers {
  return {}
}
