/** `crm.status.list` items: lead stages (STATUS), sources (SOURCE) and salutations (HONORIFIC). */
export interface StatusItem {
  id: number
  entityId: string
  statusId: string
  name: string
  nameInit: string
  sort: number
  system: boolean
  color: string | null
  /** null = process, 'S' = success, 'F' = failure (stage lists only). */
  semantics: 'S' | 'F' | null
}

type Lang = 'ru' | 'en'
const names = (en: string, ru: string) => ({ en, ru })

const STAGES = [
  ['NEW', names('Unassigned', 'Не обработан'), 10, '#39A8EF', null],
  ['IN_PROCESS', names('In progress', 'В работе'), 20, '#2FC6F6', null],
  ['PROCESSED', names('Processed', 'Обработан'), 30, '#55D0E0', null],
  ['CONVERTED', names('Good lead', 'Качественный лид'), 50, '#7BD500', 'S'],
  ['JUNK', names('Junk lead', 'Некачественный лид'), 60, '#FF5752', 'F']
] as const

const SOURCES = [
  ['CALL', names('Call', 'Звонок')],
  ['EMAIL', names('E-mail', 'Электронная почта')],
  ['WEB', names('Website', 'Веб-сайт')],
  ['ADVERTISING', names('Advertising', 'Реклама')],
  ['PARTNER', names('Existing client', 'Существующий клиент')],
  ['RECOMMENDATION', names('By recommendation', 'По рекомендации')],
  ['TRADE_SHOW', names('Trade show', 'Выставка')],
  ['WEBFORM', names('CRM form', 'CRM-форма')],
  ['CALLBACK', names('Callback', 'Обратный звонок')],
  ['RC_GENERATOR', names('Sales boost', 'Генератор продаж')],
  ['STORE', names('Online store', 'Интернет-магазин')],
  ['OTHER', names('Other', 'Другое')]
] as const

const HONORIFICS = [
  ['HNR_EN_1', names('Mr.', 'Г-н')],
  ['HNR_EN_2', names('Mrs.', 'Г-жа')],
  ['HNR_EN_3', names('Ms.', 'Мисс')],
  ['HNR_EN_4', names('Dr.', 'Д-р')]
] as const

export function defaultStatuses(lang: Lang): StatusItem[] {
  let id = 1
  const items: StatusItem[] = []
  for (const [statusId, name, sort, color, semantics] of STAGES) {
    items.push({
      id: id++,
      entityId: 'STATUS',
      statusId,
      name: name[lang],
      nameInit: name[lang],
      sort,
      system: true,
      color,
      semantics
    })
  }
  SOURCES.forEach(([statusId, name], index) =>
    items.push({
      id: id++,
      entityId: 'SOURCE',
      statusId,
      name: name[lang],
      nameInit: name[lang],
      sort: (index + 1) * 10,
      system: true,
      color: null,
      semantics: null
    })
  )
  HONORIFICS.forEach(([statusId, name], index) =>
    items.push({
      id: id++,
      entityId: 'HONORIFIC',
      statusId,
      name: name[lang],
      nameInit: name[lang],
      sort: (index + 1) * 10,
      system: true,
      color: null,
      semantics: null
    })
  )
  return items
}

/**
 * Semantics are positional (docs/bitrix24-protocol.md §8.12): stages sorted before the success stage are
 * process ('P'), the success stage 'S', everything after it failure ('F'). Unknown → undefined.
 */
export function stageSemantic(statuses: StatusItem[], statusId: string): 'P' | 'S' | 'F' | undefined {
  const stages = statuses.filter((item) => item.entityId === 'STATUS').sort((a, b) => a.sort - b.sort)
  const success = stages.find((item) => item.semantics === 'S')
  const stage = stages.find((item) => item.statusId === statusId)
  if (!stage) return undefined
  if (stage === success) return 'S'
  if (success && stage.sort > success.sort) return 'F'
  return stage.semantics === 'F' ? 'F' : 'P'
}

export function firstStage(statuses: StatusItem[]): string {
  return statuses.filter((item) => item.entityId === 'STATUS').sort((a, b) => a.sort - b.sort)[0]?.statusId ?? 'NEW'
}
