import type { ApiHandlers, userfieldChannels } from '../../contract'
import type { UserfieldsService } from '../userfields/userfields-service'

export type UserfieldHandlers = Pick<ApiHandlers, keyof typeof userfieldChannels>

/** The userfield designer's channels: one line each, calling the service. */
export function createUserfieldApi(_userfields: UserfieldsService): UserfieldHandlers {
  return {}
}
