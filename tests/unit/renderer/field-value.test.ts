import type { LeadFieldInfo } from '../../../electron/contract'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import FieldValue from '../../../renderer/src/features/fields/FieldValue.vue'
import { PORTAL_DOMAIN } from '../../../renderer/src/features/fields/entity-links'
import { createAppI18n } from '../../../renderer/src/i18n'
import { field } from './field-info'

function mountValue(info: LeadFieldInfo, value: unknown, domain?: string) {
  return mount(FieldValue, {
    props: { field: info, value },
    global: { plugins: [createAppI18n('en')], provide: { [PORTAL_DOMAIN as symbol]: ref(domain) } }
  })
}

describe('FieldValue', () => {
  it('shows a stage as a chip in its colour, with text that reads on it', () => {
    const stage = field('STATUS_ID', 'crm_status', {
      items: [
        { value: 'DARK', label: 'Dark stage', color: '#1b3a6b', semantics: 'process' },
        { value: 'LIGHT', label: 'Light stage', color: '#ffe500', semantics: 'success' }
      ]
    })
    const dark = mountValue(stage, 'DARK').get('.field-value__stage')
    expect(dark.text()).toBe('Dark stage')
    expect(dark.attributes('style')).toBe('background: #1b3a6b; color: #ffffff;')
    expect(mountValue(stage, 'LIGHT').get('.field-value__stage').attributes('style')).toBe(
      'background: #ffe500; color: #000000;'
    )
  })

  it('shows phones and e-mails as tel: and mailto: links', () => {
    const phones = mountValue(field('PHONE', 'crm_multifield'), [{ VALUE: '+7 900 1' }, { VALUE: '555' }])
    expect(phones.findAll('a').map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['+7 900 1', 'tel:+79001'],
      ['555', 'tel:555']
    ])
    expect(
      mountValue(field('EMAIL', 'crm_multifield'), [{ VALUE: 'x@y.io' }])
        .get('a')
        .attributes('href')
    ).toBe('mailto:x@y.io')
  })

  it('links a bound record to its page on the active portal; plain text without a portal', () => {
    const company = field('COMPANY_ID', 'crm_company', { entityTypes: ['COMPANY'] })
    const linked = mountValue(company, '12', 'acme.bitrix24.com').get('a')
    expect([linked.text(), linked.attributes('href')]).toEqual([
      'Company 12',
      'https://acme.bitrix24.com/crm/company/details/12/'
    ])
    const local = mountValue(field('UF_CRM_LINK', 'crm', { entityTypes: ['LEAD', 'DEAL'] }), 'D_4', '127.0.0.1:8080')
    expect(local.get('a').attributes('href')).toBe('http://127.0.0.1:8080/crm/deal/details/4/')
    const unlinked = mountValue(company, '12')
    expect([unlinked.find('a').exists(), unlinked.text()]).toEqual([false, 'Company 12'])
  })
})
