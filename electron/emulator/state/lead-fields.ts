/**
 * The standard lead fields of `crm.lead.fields` (docs/bitrix24-protocol.md §7.2), in the order a current
 * cloud portal lists them, with their English and Russian titles.
 */
export type FieldType =
  | 'integer'
  | 'double'
  | 'string'
  | 'char'
  | 'date'
  | 'datetime'
  | 'crm_status'
  | 'crm_currency'
  | 'user'
  | 'crm_company'
  | 'crm_contact'
  | 'crm_multifield'

export interface StandardField {
  code: string
  type: FieldType
  title: { en: string; ru: string }
  readOnly?: boolean
  multiple?: boolean
  statusType?: string
  deprecated?: boolean
  settings?: Record<string, unknown>
  /** Not part of the stored row (multifields, CONTACT_IDS). */
  virtual?: boolean
}

const f = (
  code: string,
  type: FieldType,
  en: string,
  ru: string,
  extra: Partial<StandardField> = {}
): StandardField => ({ code, type, title: { en, ru }, ...extra })

export const STANDARD_FIELDS: StandardField[] = [
  f('ID', 'integer', 'ID', 'ID', { readOnly: true }),
  f('TITLE', 'string', 'Lead Title', 'Название лида'),
  f('HONORIFIC', 'crm_status', 'Salutation', 'Обращение', { statusType: 'HONORIFIC' }),
  f('NAME', 'string', 'First name', 'Имя'),
  f('SECOND_NAME', 'string', 'Middle name', 'Отчество'),
  f('LAST_NAME', 'string', 'Last name', 'Фамилия'),
  f('BIRTHDATE', 'date', 'Date of birth', 'Дата рождения'),
  f('COMPANY_TITLE', 'string', 'Company name', 'Название компании'),
  f('SOURCE_ID', 'crm_status', 'Source', 'Источник', { statusType: 'SOURCE' }),
  f('SOURCE_DESCRIPTION', 'string', 'Source information', 'Дополнительно об источнике'),
  f('STATUS_ID', 'crm_status', 'Stage', 'Стадия', { statusType: 'STATUS' }),
  f('STATUS_DESCRIPTION', 'string', 'Stage information', 'Дополнительно о стадии'),
  f('STATUS_SEMANTIC_ID', 'string', 'Status details', 'Семантика стадии', { readOnly: true }),
  f('POST', 'string', 'Position', 'Должность'),
  f('ADDRESS', 'string', 'Address', 'Адрес'),
  f('ADDRESS_2', 'string', 'Address (line 2)', 'Адрес (стр. 2)'),
  f('ADDRESS_CITY', 'string', 'City', 'Город'),
  f('ADDRESS_POSTAL_CODE', 'string', 'Zip', 'Почтовый индекс'),
  f('ADDRESS_REGION', 'string', 'Region', 'Район'),
  f('ADDRESS_PROVINCE', 'string', 'State / Province', 'Область'),
  f('ADDRESS_COUNTRY', 'string', 'Country', 'Страна'),
  f('ADDRESS_COUNTRY_CODE', 'string', 'Country Code', 'Код страны'),
  f('ADDRESS_LOC_ADDR_ID', 'integer', 'Location address ID', 'ID адреса местоположения'),
  f('CURRENCY_ID', 'crm_currency', 'Currency', 'Валюта'),
  f('OPPORTUNITY', 'double', 'Amount', 'Сумма'),
  f('IS_MANUAL_OPPORTUNITY', 'char', 'IS_MANUAL_OPPORTUNITY', 'IS_MANUAL_OPPORTUNITY'),
  f('OPENED', 'char', 'Available to everyone', 'Доступен для всех'),
  f('COMMENTS', 'string', 'Comment', 'Комментарий'),
  f('HAS_PHONE', 'char', 'Has phone', 'Задан телефон', { readOnly: true }),
  f('HAS_EMAIL', 'char', 'Has email', 'Задан e-mail', { readOnly: true }),
  f('HAS_IMOL', 'char', 'Has Open Channel', 'Задана открытая линия', { readOnly: true }),
  f('ASSIGNED_BY_ID', 'user', 'Responsible person', 'Ответственный'),
  f('CREATED_BY_ID', 'user', 'Created by', 'Кем создан', { readOnly: true }),
  f('MODIFY_BY_ID', 'user', 'Modified by', 'Кем изменен', { readOnly: true }),
  f('DATE_CREATE', 'datetime', 'Created on', 'Дата создания', { readOnly: true }),
  f('DATE_MODIFY', 'datetime', 'Modified on', 'Дата изменения', { readOnly: true }),
  f('COMPANY_ID', 'crm_company', 'Company', 'Компания', { settings: { parentEntityTypeId: 4 } }),
  f('CONTACT_ID', 'crm_contact', 'Contact', 'Контакт', { deprecated: true }),
  f('CONTACT_IDS', 'crm_contact', 'Contacts', 'Контакты', { multiple: true, virtual: true }),
  f('IS_RETURN_CUSTOMER', 'char', 'Repeat lead', 'Повторный лид', { readOnly: true }),
  f('DATE_CLOSED', 'datetime', 'Closing date', 'Дата завершения', { readOnly: true }),
  f('ORIGINATOR_ID', 'string', 'External source', 'Внешний источник'),
  f('ORIGIN_ID', 'string', 'Item ID in data source', 'Идентификатор элемента во внешнем источнике'),
  f('UTM_SOURCE', 'string', 'Ad system', 'Рекламная система'),
  f('UTM_MEDIUM', 'string', 'Medium', 'Тип трафика'),
  f('UTM_CAMPAIGN', 'string', 'Ad campaign UTM', 'Обозначение рекламной кампании'),
  f('UTM_CONTENT', 'string', 'Campaign contents', 'Содержание кампании'),
  f('UTM_TERM', 'string', 'Campaign search term', 'Условие поиска кампании'),
  f('MOVED_BY_ID', 'user', 'MOVED_BY_ID', 'MOVED_BY_ID', { readOnly: true }),
  f('MOVED_TIME', 'datetime', 'MOVED_TIME', 'MOVED_TIME', { readOnly: true }),
  f('LAST_ACTIVITY_TIME', 'datetime', 'LAST_ACTIVITY_TIME', 'LAST_ACTIVITY_TIME', { readOnly: true }),
  f('LAST_ACTIVITY_BY', 'user', 'LAST_ACTIVITY_BY', 'LAST_ACTIVITY_BY', { readOnly: true }),
  f('PHONE', 'crm_multifield', 'Phone', 'Телефон', { multiple: true, virtual: true }),
  f('EMAIL', 'crm_multifield', 'E-mail', 'E-mail', { multiple: true, virtual: true }),
  f('WEB', 'crm_multifield', 'Website', 'Сайт', { multiple: true, virtual: true }),
  f('IM', 'crm_multifield', 'Messenger', 'Мессенджер', { multiple: true, virtual: true }),
  f('LINK', 'crm_multifield', 'LINK', 'LINK', { multiple: true, virtual: true })
]

export const FIELD_BY_CODE = new Map(STANDARD_FIELDS.map((field) => [field.code, field]))

/** The columns kept per lead (everything but multifields and CONTACT_IDS). */
export const STORED_FIELD_CODES = STANDARD_FIELDS.filter((field) => !field.virtual).map((field) => field.code)

export const MULTIFIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM', 'LINK'] as const
export type MultifieldType = (typeof MULTIFIELD_TYPES)[number]

/** Allowed VALUE_TYPEs per multifield type (the first of the defaults is used when omitted). */
export const MULTIFIELD_VALUE_TYPES: Record<MultifieldType, string[]> = {
  PHONE: ['WORK', 'MOBILE', 'FAX', 'HOME', 'PAGER', 'MAILING', 'OTHER'],
  EMAIL: ['WORK', 'HOME', 'MAILING', 'OTHER'],
  WEB: ['WORK', 'HOME', 'FACEBOOK', 'VK', 'LIVEJOURNAL', 'TWITTER', 'OTHER'],
  IM: [
    'FACEBOOK',
    'TELEGRAM',
    'VK',
    'SKYPE',
    'VIBER',
    'INSTAGRAM',
    'BITRIX24',
    'OPENLINE',
    'IMOL',
    'ICQ',
    'MSN',
    'JABBER',
    'OTHER'
  ],
  LINK: ['USER']
}
export const DEFAULT_VALUE_TYPE: Record<MultifieldType, string> = {
  PHONE: 'WORK',
  EMAIL: 'WORK',
  WEB: 'WORK',
  IM: 'OTHER',
  LINK: 'USER'
}

/** Captions used in multifield validation messages: `"Work Phone"`, `"Work E-mail"`. */
export const VALUE_TYPE_CAPTIONS: Record<string, string> = {
  WORK: 'Work',
  MOBILE: 'Mobile',
  FAX: 'Fax',
  HOME: 'Home',
  PAGER: 'Pager',
  MAILING: 'Newsletter',
  OTHER: 'Other',
  USER: 'User'
}
export const MULTIFIELD_CAPTIONS: Record<MultifieldType, string> = {
  PHONE: 'Phone',
  EMAIL: 'E-mail',
  WEB: 'Website',
  IM: 'Messenger',
  LINK: 'Link'
}

/** Maximum lengths of the string columns (the crm module's table definitions). */
export const MAX_LENGTHS: Record<string, number> = {
  TITLE: 255,
  NAME: 50,
  SECOND_NAME: 50,
  LAST_NAME: 50,
  COMPANY_TITLE: 255,
  POST: 255,
  ADDRESS_CITY: 128,
  ADDRESS_POSTAL_CODE: 16,
  ADDRESS_REGION: 128,
  ADDRESS_PROVINCE: 128,
  ADDRESS_COUNTRY: 128,
  ADDRESS_COUNTRY_CODE: 100,
  ORIGINATOR_ID: 255,
  ORIGIN_ID: 255,
  UTM_SOURCE: 255,
  UTM_MEDIUM: 255,
  UTM_CAMPAIGN: 255,
  UTM_CONTENT: 255,
  UTM_TERM: 255
}
export const ADDRESS_FIELDS = STANDARD_FIELDS.filter((field) => field.code.startsWith('ADDRESS')).map((f) => f.code)
