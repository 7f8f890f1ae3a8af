import { methods } from '../context'
import { eventBind } from './event-bind'
import { eventGet } from './event-get'
import { eventUnbind } from './event-unbind'

/** Event handler registration (docs/bitrix24-protocol.md §10). Global scope: any application may call them. */
export const eventMethods = methods({
  'event.bind': { scope: null, handler: eventBind },
  'event.unbind': { scope: null, handler: eventUnbind },
  'event.get': { scope: null, handler: eventGet }
})
