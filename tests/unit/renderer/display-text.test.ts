import { describe, expect, it } from 'vitest'
import { displayParts, type Translate } from '../../../renderer/src/features/fields/display-parts'
import { displayText } from '../../../renderer/src/features/fields/display-text'
import { fieldLabel, fieldNames } from '../../../renderer/src/features/fields/field-label'
import { localeFormat } from '../../../renderer/src/format/locale-format'
import { createAppI18n } from '../../../renderer/src/i18n'
import { field } from './field-info'

const stage = field('STATUS_ID', 'crm_status', {
  items: [
    { value: 'NEW', label: 'Unassigned', color: '#2fc6f6', semantics: 'process' },
    { value: 'CONVERTED', label: 'Good lead', color: '#7bd500', semantics: 'success' }
  ]
})
const source = field('SOURCE_ID', 'crm_status', { items: [{ value: 'CALL', label: 'Call' }] })
const responsible = field('ASSIGNED_BY_ID', 'user', {
  items: [
    { value: '1', label: 'Anna Brown' },
    { value: '2', label: 'Old Timer', inactive: true }
  ]
})
const opportunity = field('OPPORTUNITY', 'double', { currencyField: 'CURRENCY_ID' })
const bindings = field('UF_CRM_LINKS', 'crm', { multiple: true, entityTypes: ['CONTACT', 'COMPANY'] })

function contextOf(language: 'en' | 'ru', values?: Record<string, unknown>) {
  const t = createAppI18n(language).global.t as Translate
  return { format: localeFormat(language), t, values }
}
const en = contextOf('en')
const ru = contextOf('ru')

describe('field values as text, by type, in both languages', () => {
  it('shows stages, sources and list items by label; an unknown code as it is', () => {
    expect(displayText('CONVERTED', stage, en)).toBe('Good lead')
    expect(displayText('CALL', source, ru)).toBe('Call')
    expect(displayText('GONE', source, en)).toBe('GONE')
  })

  it('shows users by name; an inactive one marked; one not known by its ID', () => {
    expect(displayText('1', responsible, en)).toBe('Anna Brown')
    expect(displayText('2', responsible, en)).toBe('Old Timer (inactive)')
    expect(displayText('2', responsible, ru)).toBe('Old Timer (неактивен)')
    expect(displayText('77', responsible, en)).toBe('User 77')
    expect(displayText('77', responsible, ru)).toBe('Пользователь 77')
    expect(displayText('0', responsible, en)).toBe('')
  })

  it('shows yes and no in words, for Y/N fields and 1/0 userfields', () => {
    expect(displayText('Y', field('OPENED', 'char'), en)).toBe('Yes')
    expect(displayText('N', field('OPENED', 'char'), ru)).toBe('Нет')
    expect(displayText(0, field('UF_CRM_FLAG', 'boolean'), en)).toBe('No')
    expect(displayText('1', field('UF_CRM_FLAG', 'boolean'), ru)).toBe('Да')
  })

  it('shows amounts with their currency: a userfield’s own, or the lead’s currency field', () => {
    const money = field('UF_CRM_PRICE', 'money')
    expect(displayText('1200.5|EUR', money, en)).toBe('€1,200.50')
    expect(displayText('1200.5|EUR', money, ru)).toBe('1\u00a0200,50\u00a0€')
    expect(displayText('1200.5', opportunity, contextOf('en', { CURRENCY_ID: 'USD' }))).toBe('$1,200.50')
    expect(displayText('12345', opportunity, ru)).toBe('12\u00a0345')
  })

  it('formats numbers, dates and date-times in the UI language', () => {
    expect(displayText('12345', field('UF_CRM_COUNT', 'integer'), ru)).toBe('12\u00a0345')
    expect(displayText('12345', field('ID', 'integer'), en)).toBe('12345')
    expect(displayText('2026-03-05', field('BIRTHDATE', 'date'), en)).toBe('Mar 5, 2026')
    expect(displayText('2026-03-05', field('BIRTHDATE', 'date'), ru)).toBe('5 мар. 2026 г.')
    const local = new Date(2026, 2, 5, 14, 30).toISOString()
    expect(displayText(local, field('DATE_MODIFY', 'datetime'), en)).toBe('Mar 5, 2026, 2:30 PM')
    expect(displayText(local, field('DATE_MODIFY', 'datetime'), ru)).toBe('5 мар. 2026 г., 14:30')
  })

  it('shows phones and e-mails as several links', () => {
    const phones = [
      { VALUE: '+1 (555) 010-20', VALUE_TYPE: 'WORK' },
      { VALUE: '555 0303', VALUE_TYPE: 'MOBILE' }
    ]
    expect(displayParts(phones, field('PHONE', 'crm_multifield'), en)).toEqual([
      { kind: 'link', text: '+1 (555) 010-20', href: 'tel:+155501020' },
      { kind: 'link', text: '555 0303', href: 'tel:5550303' }
    ])
    expect(displayParts([{ VALUE: 'a@b.io' }], field('EMAIL', 'crm_multifield'), en)).toEqual([
      { kind: 'link', text: 'a@b.io', href: 'mailto:a@b.io' }
    ])
    expect(displayText(phones, field('PHONE', 'crm_multifield'), en)).toBe('+1 (555) 010-20, 555 0303')
  })

  it('shows bound records by type and ID; a bare ID is of the field’s type', () => {
    expect(displayParts(['C_12', 'CO_3'], bindings, en)).toEqual([
      { kind: 'record', text: 'Contact 12', entityType: 'CONTACT', id: '12' },
      { kind: 'record', text: 'Company 3', entityType: 'COMPANY', id: '3' }
    ])
    expect(displayText('7', field('COMPANY_ID', 'crm_company', { entityTypes: ['COMPANY'] }), ru)).toBe('Компания 7')
    expect(displayText('0', field('COMPANY_ID', 'crm_company', { entityTypes: ['COMPANY'] }), en)).toBe('')
  })

  it('gives a stage its colour and meaning for the chip', () => {
    expect(displayParts('NEW', stage, en)).toEqual([
      { kind: 'stage', text: 'Unassigned', color: '#2fc6f6', semantics: 'process' }
    ])
  })

  it('shows nothing for an empty value', () => {
    for (const empty of [null, undefined, '', []]) expect(displayText(empty, stage, en)).toBe('')
  })
})

describe('fieldLabel', () => {
  const labelled = field('UF_CRM_X', 'string', { title: 'Portal caption', labels: { en: 'Budget', ru: 'Бюджет' } })

  it('takes the UI language’s label, else the other language’s, else the caption, else the code', () => {
    expect(fieldLabel(labelled, 'ru')).toBe('Бюджет')
    expect(fieldLabel(labelled, 'en')).toBe('Budget')
    expect(fieldLabel({ ...labelled, labels: { en: 'Budget' } }, 'ru')).toBe('Budget')
    expect(fieldLabel({ ...labelled, labels: undefined }, 'ru')).toBe('Portal caption')
    expect(fieldLabel({ ...labelled, labels: undefined, title: ' ' }, 'en')).toBe('UF_CRM_X')
  })
})

describe('fieldNames', () => {
  const address = field('ADDRESS_REGION', 'string', { title: 'Region', labels: { en: 'Region', ru: 'Район' } })
  const region = field('UF_CRM_REGION', 'enumeration', { title: 'Region', labels: { en: 'region', ru: 'Регион' } })
  const budget = field('UF_CRM_BUDGET', 'double', { title: 'Budget' })

  it('adds the code where two fields read the same in the UI language, and only there', () => {
    const english = fieldNames([address, region, budget], 'en')
    expect(english.get('ADDRESS_REGION')).toBe('Region (ADDRESS_REGION)')
    expect(english.get('UF_CRM_REGION')).toBe('region (UF_CRM_REGION)')
    expect(english.get('UF_CRM_BUDGET')).toBe('Budget')
    const russian = fieldNames([address, region, budget], 'ru')
    expect(russian.get('ADDRESS_REGION')).toBe('Район')
    expect(russian.get('UF_CRM_REGION')).toBe('Регион')
  })
})

describe('standard field names', () => {
  const title = field('TITLE', 'string', { title: 'Название лида' })
  const names: Record<string, string> = { TITLE: 'Lead Title' }

  it('come from the app in the UI language; a userfield keeps the portal’s label', () => {
    expect(fieldLabel(title, 'en', (code) => names[code])).toBe('Lead Title')
    expect(fieldLabel(title, 'en', () => undefined)).toBe('Название лида')
    const userfield = field('UF_CRM_TITLE', 'string', { title: 'Заголовок' })
    expect(fieldLabel(userfield, 'en', () => 'Not this')).toBe('Заголовок')
  })
})
