import type { Emulator } from '../../electron/emulator/emulator'
import type { FaultKind } from '../../electron/emulator/limits/faults'
import { admin } from './emulator'

/** Shares of all REST calls that fail, by kind: 20% in all. */
export const FAILURE_MIX: ReadonlyArray<[FaultKind, number]> = [
  ['drop', 0.03],
  // The call runs, its answer is lost: the case that could make a duplicate lead.
  ['drop_after', 0.04],
  ['503', 0.04],
  ['429', 0.03],
  ['500', 0.03],
  // Real with OAuth: the client refreshes the token and sends the call again.
  ['expired_token', 0.03]
]

/**
 * Injects the failure mix on every REST method, plus slow answers (`slowShare` of all calls,
 * `slowMs` late). The emulator tries its rules in order, each drawing from its seeded generator,
 * so each rule's rate is its share of the calls that no earlier rule took.
 */
export async function injectFaultMix(emulator: Emulator, options: { slowShare: number; slowMs: number }) {
  let left = 1
  for (const [kind, share] of [...FAILURE_MIX, ['slow', options.slowShare] as const]) {
    await admin(emulator, 'faults', {
      kind,
      method: '*',
      rate: share / left,
      ...(kind === 'slow' ? { delayMs: options.slowMs } : {})
    })
    left -= share
  }
}

export async function clearFaults(emulator: Emulator): Promise<void> {
  await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
}

export interface FaultStats {
  requests: number
  faultsInjected: number
  faultsByKind: Record<string, number>
  errorsByCode: Record<string, number>
  subCallsByMethod: Record<string, number>
}

export const faultStats = async (emulator: Emulator) => (await admin(emulator, 'stats')) as FaultStats
