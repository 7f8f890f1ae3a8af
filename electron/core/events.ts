import type { EventName, Events } from '../contract'

type Listener<E extends EventName> = (payload: Events[E]) => void

/** The typed main → renderer events; each transport subscribes and forwards them. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as Listener<EventName>)
    return () => set.delete(listener as Listener<EventName>)
  }

  /** Subscribes to every event; used by transports that forward everything. */
  onAny(
    listener: <E extends EventName>(event: E, payload: Events[E]) => void,
    names: readonly EventName[]
  ): () => void {
    const offs = names.map((name) => this.on(name, (payload) => listener(name, payload)))
    return () => offs.forEach((off) => off())
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }
}
