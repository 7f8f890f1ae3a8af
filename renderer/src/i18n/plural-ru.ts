import type { PluralizationRule } from 'vue-i18n'

const russian = new Intl.PluralRules('ru')
/** Plural category → the form's place in a message: 1 лид | 2 лида | 5 лидов (1,5 лида). */
const FORM_INDEX: Partial<Record<Intl.LDMLPluralRule, number>> = { one: 0, few: 1, other: 1, many: 2 }

const formIndex = (choice: number) => FORM_INDEX[russian.select(Math.abs(choice))] ?? 2

/**
 * Russian plural forms for messages written with three choices, or four with a first one for
 * none ("Лиды не выбраны | Выбран {count} лид | …"); others use vue-i18n's rule.
 */
export const russianPlural: PluralizationRule = (choice, choicesLength, defaultRule) => {
  if (choicesLength === 3) return formIndex(choice)
  if (choicesLength === 4) return choice === 0 ? 0 : 1 + formIndex(choice)
  return defaultRule?.(choice, choicesLength) ?? 0
}
