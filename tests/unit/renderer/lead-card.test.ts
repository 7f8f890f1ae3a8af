import type { CardSectionLayout, LeadFieldInfo } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import LeadCard from '../../../renderer/src/features/card/LeadCard.vue'
import { createAppI18n } from '../../../renderer/src/i18n'

const fields: LeadFieldInfo[] = [
  { code: 'TITLE', type: 'string', title: 'Lead Title', isUserField: false, readOnly: false, multiple: false },
  { code: 'COMMENTS', type: 'string', title: 'Comment', isUserField: false, readOnly: false, multiple: false },
  {
    code: 'SOURCE_DESCRIPTION',
    type: 'string',
    title: 'Source information',
    isUserField: false,
    readOnly: false,
    multiple: false
  },
  { code: 'DATE_CREATE', type: 'datetime', title: 'Created on', isUserField: false, readOnly: true, multiple: false },
  { code: 'UF_CRM_REGION', type: 'string', title: 'Region', isUserField: true, readOnly: false, multiple: false }
]
const sections: CardSectionLayout[] = [
  {
    name: 'main',
    title: 'About the lead',
    fields: [
      { code: 'TITLE', showAlways: true },
      { code: 'COMMENTS', showAlways: true },
      { code: 'SOURCE_DESCRIPTION', showAlways: false },
      { code: 'DATE_CREATE', showAlways: false }
    ]
  },
  { name: 'userfields', title: '', fields: [{ code: 'UF_CRM_REGION', showAlways: false }] },
  { name: 'gone', title: 'Old section', fields: [{ code: 'UF_CRM_DELETED', showAlways: true }] }
]

function mountCard(props: Partial<InstanceType<typeof LeadCard>['$props']> = {}) {
  return mount(LeadCard, {
    props: {
      sections,
      fields,
      values: { TITLE: 'Website order', COMMENTS: '', DATE_CREATE: '2026-05-01T10:00:00+00:00', UF_CRM_REGION: null },
      editable: true,
      ...props
    },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body
  })
}

const headings = (card: ReturnType<typeof mountCard>) => card.findAll('h3').map((heading) => heading.text())
const labels = (card: ReturnType<typeof mountCard>) => card.findAll('dt').map((label) => label.text())

describe('the lead card', () => {
  it('draws the sections as laid out, with filled and always-shown fields only', () => {
    const card = mountCard()
    // userfields has nothing filled in and nothing always shown; "gone" holds a field the portal lost.
    expect(headings(card)).toEqual(['About the lead'])
    expect(labels(card)).toEqual(['Lead Title', 'Comment', 'Created on'])
    expect(card.get('section').attributes('aria-labelledby')).toBe('card-section-main')
    card.unmount()
  })

  it('shows every field on "Show all fields", and the default sections by their names', async () => {
    const card = mountCard()
    const toggle = card.get('[role="checkbox"]')
    expect(toggle.text()).toBe('Show all fields')
    await toggle.trigger('click')
    expect(headings(card)).toEqual(['About the lead', 'Custom fields'])
    expect(labels(card)).toEqual(['Lead Title', 'Comment', 'Source information', 'Created on', 'Region'])
    card.unmount()
  })

  it('marks what is not sent and what the portal refused, and shows an empty field that is marked', () => {
    const card = mountCard({
      unsentFields: ['SOURCE_DESCRIPTION'],
      refused: { fields: ['UF_CRM_REGION'], message: 'Region: the value is too long' }
    })
    expect(labels(card)).toEqual(['Lead Title', 'Comment', 'Source information', 'Created on', 'Region'])
    expect(card.get('[data-field="SOURCE_DESCRIPTION"]').text()).toContain('Not sent yet')
    expect(card.get('[data-field="UF_CRM_REGION"]').text()).toContain('Needs attention')
    expect(card.get('[role="alert"]').text()).toContain('Region: the value is too long')
    card.unmount()
  })

  it('shows a refused field the layout does not place in a section of its own, to fix it there', () => {
    const card = mountCard({ refused: { fields: ['ASSIGNED_BY_ID'], message: 'No such user' } })
    expect(headings(card)).toEqual(['About the lead'])
    card.unmount()
    const withField = mountCard({
      fields: [
        ...fields,
        {
          code: 'ASSIGNED_BY_ID',
          type: 'user',
          title: 'Responsible',
          isUserField: false,
          readOnly: false,
          multiple: false
        }
      ],
      refused: { fields: ['ASSIGNED_BY_ID'], message: 'No such user' },
      save: vi.fn()
    })
    expect(headings(withField)).toEqual(['About the lead', 'Other changed fields'])
    expect(withField.find('button[aria-label="Edit Responsible person"]').exists()).toBe(true)
    withField.unmount()
  })

  it('edits a field through the field editor and keeps the typed value when saving fails', async () => {
    const save = vi.fn().mockResolvedValueOnce('The portal refused it').mockResolvedValueOnce(undefined)
    const card = mountCard({ save })
    // Read-only fields have no edit button.
    expect(card.find('button[aria-label="Edit Created on"]').exists()).toBe(false)
    await card.get('button[aria-label="Edit Lead Title"]').trigger('click')
    const input = card.get('input[aria-label="New value of Lead Title"]')
    await input.setValue('Phone order')
    await input.trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(card.find('[role="alert"]').exists()).toBe(true))
    expect(save).toHaveBeenLastCalledWith('TITLE', 'Phone order')
    expect(card.get('[role="alert"]').text()).toBe('The portal refused it')
    expect((card.get('input[aria-label="New value of Lead Title"]').element as HTMLInputElement).value).toBe(
      'Phone order'
    )
    await card.get('input[aria-label="New value of Lead Title"]').trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(card.find('input[aria-label="New value of Lead Title"]').exists()).toBe(false))
    expect(save).toHaveBeenCalledTimes(2)
    card.unmount()
  })

  it('offers no editing when it is a preview', async () => {
    const card = mountCard({ editable: false, save: vi.fn() })
    await nextTick()
    expect(card.findAll('button[aria-label^="Edit "]')).toHaveLength(0)
    card.unmount()
  })
})
