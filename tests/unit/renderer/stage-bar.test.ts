import type { LeadStage } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import StageBar from '../../../renderer/src/features/card/StageBar.vue'
import { createAppI18n } from '../../../renderer/src/i18n'

const stages: LeadStage[] = [
  { id: 'NEW', name: 'New', semantics: 'process', color: null },
  { id: 'IN_PROCESS', name: 'In progress', semantics: 'process', color: '#39A8EF' },
  { id: 'CONVERTED', name: 'Good lead', semantics: 'success', color: null },
  { id: 'JUNK', name: 'Junk lead', semantics: 'failure', color: null }
]

describe('the stage bar', () => {
  it('fills the way up to the current stage, names each button, and asks to set another', async () => {
    const bar = mount(StageBar, {
      props: { stages, current: 'IN_PROCESS' },
      global: { plugins: [createAppI18n('en')] }
    })
    const buttons = bar.findAll('button')
    expect(buttons.map((button) => button.attributes('aria-label'))).toEqual([
      'Set stage New',
      'In progress (current)',
      'Set stage Good lead',
      'Set stage Junk lead'
    ])
    expect(buttons.map((button) => button.classes('stages__stage--reached'))).toEqual([true, true, false, false])
    expect(buttons.map((button) => button.attributes('title'))).toEqual([
      'In progress',
      'In progress',
      'Success',
      'Failure'
    ])
    await buttons[3]!.trigger('click')
    await buttons[1]!.trigger('click')
    expect(bar.emitted('select')).toEqual([['JUNK']])
  })
})
