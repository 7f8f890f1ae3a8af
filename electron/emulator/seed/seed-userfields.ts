import type { LeadRecord } from '../state/lead-store'
import type { PortalState } from '../state/portal'
import { LABEL_KEYS, PORTAL_LANGUAGES, type UserFieldDef, type UserFieldType } from '../state/userfield-types'
import { pick, type Random } from './random'

interface FieldSpec {
  name: string
  type: UserFieldType
  en: string
  ru: string
  multiple?: boolean
  settings?: Record<string, unknown>
  items?: Array<{ en: string; ru: string }>
}

/** The user fields of the demo portal: one of each common type, as a real portal would have. */
const FIELD_SPECS: FieldSpec[] = [
  { name: 'UF_CRM_BUDGET', type: 'double', en: 'Budget', ru: 'Бюджет', settings: { PRECISION: 2, DEFAULT_VALUE: '' } },
  {
    name: 'UF_CRM_REGION',
    type: 'enumeration',
    en: 'Region',
    ru: 'Регион',
    settings: { DISPLAY: 'LIST', LIST_HEIGHT: 1 },
    items: [
      { en: 'North', ru: 'Север' },
      { en: 'South', ru: 'Юг' },
      { en: 'East', ru: 'Восток' },
      { en: 'West', ru: 'Запад' }
    ]
  },
  {
    name: 'UF_CRM_NEXT_CALL',
    type: 'datetime',
    en: 'Next call',
    ru: 'Следующий звонок',
    settings: { DEFAULT_VALUE: { VALUE: '', TYPE: 'NONE' } }
  },
  {
    name: 'UF_CRM_VIP',
    type: 'boolean',
    en: 'VIP client',
    ru: 'VIP-клиент',
    settings: { DEFAULT_VALUE: 0, DISPLAY: 'CHECKBOX' }
  },
  {
    name: 'UF_CRM_VISITS',
    type: 'integer',
    en: 'Website visits',
    ru: 'Визиты на сайт',
    settings: { DEFAULT_VALUE: '' }
  },
  {
    name: 'UF_CRM_INTERESTS',
    type: 'string',
    en: 'Interests',
    ru: 'Интересы',
    multiple: true,
    settings: { SIZE: 20, ROWS: 1, DEFAULT_VALUE: '' }
  }
]

const INTERESTS = {
  en: ['delivery', 'wholesale', 'service', 'installation', 'warranty'],
  ru: ['доставка', 'опт', 'сервис', 'монтаж', 'гарантия']
}

/** Labels as an admin of a bilingual portal leaves them: English and Russian, the portal's language elsewhere. */
function labels(spec: FieldSpec, lang: 'en' | 'ru'): UserFieldDef['labels'] {
  const map = Object.fromEntries(
    PORTAL_LANGUAGES.map((language) => [language, language === 'en' || language === 'ru' ? spec[language] : spec[lang]])
  )
  return Object.fromEntries(LABEL_KEYS.map((key) => [key, { ...map }])) as UserFieldDef['labels']
}

/** Creates the demo user fields (unless the portal has them) and returns them. */
export function seedUserFields(portal: PortalState): UserFieldDef[] {
  const lang = portal.settings.lang
  for (const [index, spec] of FIELD_SPECS.entries()) {
    if (portal.userFields.some((field) => field.fieldName === spec.name)) continue
    portal.userFields.push({
      id: portal.nextId('userField'),
      fieldName: spec.name,
      userTypeId: spec.type,
      xmlId: null,
      sort: (index + 1) * 100,
      multiple: Boolean(spec.multiple),
      mandatory: false,
      showFilter: 'E',
      showInList: true,
      editInList: true,
      isSearchable: false,
      settings: spec.settings ?? {},
      labels: labels(spec, lang),
      list: (spec.items ?? []).map((item, itemIndex) => ({
        id: portal.nextId('enumItem'),
        sort: (itemIndex + 1) * 10,
        value: item[lang],
        def: false,
        xmlId: item.en.toUpperCase()
      }))
    })
  }
  return portal.userFields.filter((field) => FIELD_SPECS.some((spec) => spec.name === field.fieldName))
}

/** Plausible values for one lead: most fields filled for some leads only. */
export function userFieldValuesFor(
  portal: PortalState,
  fields: UserFieldDef[],
  lead: LeadRecord,
  random: Random
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  const created = Date.parse(lead.values.DATE_CREATE ?? '') || portal.clock.now()
  for (const field of fields) {
    const filled = random() < 0.6
    switch (field.fieldName) {
      case 'UF_CRM_BUDGET':
        values[field.fieldName] = filled ? (Math.round(random() * 1_000_000) / 100).toFixed(2) : null
        break
      case 'UF_CRM_REGION':
        values[field.fieldName] = filled ? String(pick(random, field.list).id) : null
        break
      case 'UF_CRM_NEXT_CALL':
        values[field.fieldName] = filled ? portal.clock.iso(created + Math.floor(random() * 30) * 86_400_000) : null
        break
      case 'UF_CRM_VIP':
        values[field.fieldName] = random() < 0.1
        break
      case 'UF_CRM_VISITS':
        values[field.fieldName] = filled ? String(Math.floor(random() * 40)) : null
        break
      case 'UF_CRM_INTERESTS':
        values[field.fieldName] = filled ? [pick(random, INTERESTS[portal.settings.lang])] : []
        break
    }
  }
  return values
}
