import type { LeadFieldInfo } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import FieldEditor from '../../../renderer/src/features/fields/FieldEditor.vue'
import { createAppI18n } from '../../../renderer/src/i18n'
import { field } from './field-info'

const stage = field('STATUS_ID', 'crm_status', {
  items: [
    { value: 'NEW', label: 'Unassigned', color: '#2fc6f6', semantics: 'process' },
    { value: 'PROCESSED', label: 'Good lead', color: '#7bd500', semantics: 'process' },
    { value: 'JUNK', label: 'Junk lead', semantics: 'failure' }
  ]
})
const responsible = field('ASSIGNED_BY_ID', 'user', {
  items: [
    { value: '1', label: 'Anna Brown' },
    { value: '5', label: 'Boris Ivanov' },
    { value: '9', label: 'Old Timer', inactive: true }
  ]
})

let warn: ReturnType<typeof vi.spyOn>
afterEach(() => {
  // Every editor renders without a Vue warning (an undeclared listener, duplicate keys, ...).
  expect(warn.mock.calls).toEqual([])
  warn.mockRestore()
  document.body.innerHTML = ''
})

function mountEditor(info: LeadFieldInfo, value: unknown, language: 'en' | 'ru' = 'en') {
  warn = vi.spyOn(console, 'warn')
  const editor = mount(FieldEditor, {
    props: {
      field: info,
      label: 'New value',
      modelValue: value,
      'onUpdate:modelValue': (next: unknown) => editor.setProps({ modelValue: next })
    },
    global: { plugins: [createAppI18n(language)] },
    attachTo: document.body
  })
  return editor
}
const model = (editor: ReturnType<typeof mountEditor>) => editor.props('modelValue')

describe('the editor of a list field (stage, source, list, users)', () => {
  it('finds a stage by part of its label and takes its code with Enter, then confirms', async () => {
    const editor = mountEditor(stage, 'NEW')
    const box = editor.get('[role="combobox"]')
    expect(box.attributes('aria-label')).toBe('New value')
    expect((box.element as HTMLInputElement).value).toBe('Unassigned')
    await box.setValue('good')
    expect(editor.findAll('[role="option"]').map((option) => option.text())).toEqual(['Good lead'])
    expect(box.attributes('aria-activedescendant')).toBe(editor.get('[role="option"]').attributes('id'))
    await box.trigger('keydown', { key: 'Enter' })
    expect(model(editor)).toBe('PROCESSED')
    // Taken from the list: a form that wants a deliberate confirmation waits for the next Enter.
    expect(editor.emitted('commit')).toEqual([['picked']])
    await box.trigger('keydown', { key: 'Enter' })
    expect(editor.emitted('commit')).toEqual([['picked'], ['typed']])
  })

  it('moves among the choices with the arrows and takes one with a click', async () => {
    const editor = mountEditor(stage, 'NEW')
    const box = editor.get('[role="combobox"]')
    await box.trigger('keydown', { key: 'ArrowDown' })
    expect(box.attributes('aria-expanded')).toBe('true')
    await box.trigger('keydown', { key: 'ArrowDown' })
    const options = editor.findAll('[role="option"]')
    expect(box.attributes('aria-activedescendant')).toBe(options[1]!.attributes('id'))
    await options[2]!.trigger('click')
    expect(model(editor)).toBe('JUNK')
  })

  it('refuses text that names no choice, with a message, and confirms nothing', async () => {
    const editor = mountEditor(stage, 'NEW')
    const box = editor.get('[role="combobox"]')
    await box.setValue('Very good lead')
    await box.trigger('keydown', { key: 'Enter' })
    expect(editor.get('[role="alert"]').text()).toBe(
      '“Very good lead” is not one of the choices: pick one from the list'
    )
    expect(box.attributes('aria-invalid')).toBe('true')
    expect(model(editor)).toBe('NEW')
    expect(editor.emitted('commit')).toBeUndefined()
  })

  it('Escape closes the list first, then cancels', async () => {
    const editor = mountEditor(stage, 'NEW')
    const box = editor.get('[role="combobox"]')
    await box.setValue('junk')
    await box.trigger('keydown', { key: 'Escape' })
    expect(box.attributes('aria-expanded')).toBe('false')
    expect(editor.emitted('cancel')).toBeUndefined()
    await box.trigger('keydown', { key: 'Escape' })
    expect(editor.emitted('cancel')).toHaveLength(1)
    expect(model(editor)).toBe('NEW')
  })

  it('picks a user by name and takes the ID; inactive users are marked', async () => {
    const editor = mountEditor(responsible, '1', 'ru')
    const box = editor.get('[role="combobox"]')
    await box.trigger('keydown', { key: 'ArrowDown' })
    expect(editor.findAll('[role="option"]').map((option) => option.text())).toEqual([
      'Anna Brown',
      'Boris Ivanov',
      'Old Timer (неактивен)'
    ])
    await box.setValue('ivan')
    await box.trigger('keydown', { key: 'Enter' })
    expect(model(editor)).toBe('5')
  })

  it('chooses several values of a multiple list, and removes one by its button', async () => {
    const sizes = field('UF_CRM_SIZES', 'enumeration', {
      multiple: true,
      items: [
        { value: '10', label: 'Small' },
        { value: '11', label: 'Large' }
      ]
    })
    const editor = mountEditor(sizes, [])
    const box = editor.get('[role="combobox"]')
    expect(editor.get('[role="listbox"]').attributes('aria-multiselectable')).toBe('true')
    await box.setValue('sm')
    await box.trigger('keydown', { key: 'Enter' })
    await box.setValue('lar')
    await box.trigger('keydown', { key: 'Enter' })
    expect(model(editor)).toEqual(['10', '11'])
    await editor.get('button[aria-label="Remove Small"]').trigger('click')
    expect(model(editor)).toEqual(['11'])
  })
})

describe('the editors of other types', () => {
  it('a date picker for dates', async () => {
    const editor = mountEditor(field('BIRTHDATE', 'date'), '2026-03-05')
    const input = editor.get('input[type="date"]')
    expect((input.element as HTMLInputElement).value).toBe('2026-03-05')
    await input.setValue('2026-04-01')
    expect(model(editor)).toBe('2026-04-01')
  })

  it('a date-time picker that keeps this computer’s offset', async () => {
    const editor = mountEditor(field('UF_CRM_MEET', 'datetime'), '')
    await editor.get('input[type="datetime-local"]').setValue('2026-04-01T09:15')
    const offset = -new Date(2026, 3, 1, 9, 15).getTimezoneOffset()
    const sign = offset >= 0 ? '+' : '-'
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
    const minutes = String(Math.abs(offset) % 60).padStart(2, '0')
    expect(model(editor)).toBe(`2026-04-01T09:15:00${sign}${hours}:${minutes}`)
  })

  it('number inputs for whole and decimal numbers; Enter confirms', async () => {
    const whole = mountEditor(field('UF_CRM_COUNT', 'integer'), '3')
    const input = whole.get('input[type="number"]')
    expect(input.attributes('step')).toBe('1')
    await input.setValue('4')
    await input.trigger('keydown', { key: 'Enter' })
    expect(model(whole)).toBe('4')
    expect(whole.emitted('commit')).toEqual([['typed']])
    whole.unmount()
    const decimal = mountEditor(field('UF_CRM_RATE', 'double'), '')
    expect(decimal.get('input[type="number"]').attributes('step')).toBe('any')
  })

  it('an amount with a currency choice for money', async () => {
    const editor = mountEditor(field('UF_CRM_PRICE', 'money'), '300|USD')
    const amount = editor.get('input[type="number"]')
    expect((amount.element as HTMLInputElement).value).toBe('300')
    const currency = editor.get('select')
    expect(currency.attributes('aria-label')).toBe('New value, currency')
    await currency.setValue('EUR')
    expect(model(editor)).toBe('300|EUR')
    await amount.setValue('450.5')
    expect(model(editor)).toBe('450.5|EUR')
  })

  it('a switch for yes/no, in the field’s own form', async () => {
    const editor = mountEditor(field('OPENED', 'char'), 'N')
    const toggle = editor.get('[role="switch"]')
    expect(toggle.attributes('aria-checked')).toBe('false')
    expect(toggle.text()).toBe('No')
    await toggle.trigger('click')
    expect(model(editor)).toBe('Y')
    expect(toggle.attributes('aria-checked')).toBe('true')
    editor.unmount()
    const flag = mountEditor(field('UF_CRM_FLAG', 'boolean'), '1', 'ru')
    await flag.get('[role="switch"]').trigger('click')
    expect(model(flag)).toBe('0')
    expect(flag.get('[role="switch"]').text()).toBe('Нет')
  })

  it('several e-mails with their kinds: change one, remove one the portal has, add one', async () => {
    const email = field('EMAIL', 'crm_multifield', { multiple: true, valueTypes: ['WORK', 'HOME', 'OTHER'] })
    const editor = mountEditor(email, [
      { ID: '7', VALUE: 'a@x.io', VALUE_TYPE: 'WORK' },
      { ID: '8', VALUE: 'b@x.io', VALUE_TYPE: 'HOME' }
    ])
    await editor.get('select[aria-label="New value, kind of item 1"]').setValue('OTHER')
    await editor.get('button[aria-label="Remove b@x.io"]').trigger('click')
    expect(editor.findAll('input[type="email"]')).toHaveLength(1)
    await editor
      .findAll('button')
      .find((button) => button.text() === 'Add')!
      .trigger('click')
    await editor.get('input[aria-label="New value, item 2"]').setValue('c@x.io')
    expect(model(editor)).toEqual([
      { ID: '7', VALUE: 'a@x.io', VALUE_TYPE: 'OTHER' },
      { ID: '8', VALUE: 'b@x.io', VALUE_TYPE: 'HOME', DELETE: 'Y' },
      { VALUE: 'c@x.io', VALUE_TYPE: 'WORK' }
    ])
    await editor.get('input[aria-label="New value, item 2"]').trigger('keydown', { key: 'Enter' })
    expect(editor.emitted('commit')).toHaveLength(1)
  })

  it('a text box for text, named by the label; Escape cancels', async () => {
    const editor = mountEditor(field('TITLE', 'string'), 'Old title')
    const box = editor.get('input[aria-label="New value"]')
    await box.setValue('New title')
    expect(model(editor)).toBe('New title')
    await box.trigger('keydown', { key: 'Escape' })
    expect(editor.emitted('cancel')).toHaveLength(1)
  })
})
