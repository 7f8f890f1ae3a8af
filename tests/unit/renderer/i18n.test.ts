import { describe, expect, it } from 'vitest'
import { errorCodes } from '../../../electron/contract'
import en from '../../../renderer/src/i18n/en'
import ru from '../../../renderer/src/i18n/ru'
import { ApiCallError } from '../../../renderer/src/api/client'
import { describeError } from '../../../renderer/src/i18n/describe-error'
import { createAppI18n } from '../../../renderer/src/i18n'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Object.values(value as object).flatMap(leaves)
}

describe('translations', () => {
  it('ru and en have exactly the same keys', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort())
  })

  it('no translation is empty and Russian is really translated', () => {
    for (const text of [...leaves(en), ...leaves(ru)]) expect(text.trim()).not.toBe('')
    expect(leaves(ru).filter((text) => /[а-яё]/i.test(text)).length).toBeGreaterThan(leaves(ru).length * 0.8)
  })

  it('has a message for every error code of the contract', () => {
    for (const code of errorCodes) expect(en.errors).toHaveProperty(code)
  })
})

describe('describeError', () => {
  const i18n = createAppI18n('ru')
  const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string

  it('explains a bad webhook URL by its problem, in the chosen language', () => {
    const error = new ApiCallError({ code: 'INVALID_WEBHOOK_URL', message: 'x', details: { problem: 'notHttps' } })
    expect(describeError(t, error)).toBe(ru.errors.webhook.notHttps)
  })

  it('explains why a sign-in did not finish', () => {
    const error = new ApiCallError({ code: 'SIGN_IN_FAILED', message: 'x', details: { reason: 'stateMismatch' } })
    expect(describeError(t, error)).toBe(ru.errors.signIn.stateMismatch)
  })

  it('lists the fields of an invalid argument', () => {
    const error = new ApiCallError({
      code: 'INVALID_ARGUMENT',
      message: 'x',
      details: { issues: [{ path: 'url', message: 'Too big' }] }
    })
    expect(describeError(t, error)).toBe('Запрос не принят: url: Too big')
  })

  it('words an error the core sent as data (a sync status’s lastError) the same way', () => {
    const lastError = { code: 'INVALID_WEBHOOK_URL' as const, message: 'x', details: { problem: 'notHttps' } }
    expect(describeError(t, lastError)).toBe(ru.errors.webhook.notHttps)
  })

  it('explains an answer that is not a Bitrix24 answer by what was wrong with it', () => {
    for (const reason of ['notJson', 'noResult', 'notList', 'badId'] as const) {
      const lastError = { code: 'PORTAL_BAD_ANSWER' as const, message: 'x', details: { reason } }
      expect(describeError(t, lastError)).toBe(ru.errors.badAnswer[reason])
    }
    expect(new Set(Object.values(ru.errors.badAnswer)).size).toBe(4)
    const unknown = new ApiCallError({ code: 'PORTAL_BAD_ANSWER', message: 'HTTP 200, not JSON' })
    expect(describeError(t, unknown)).toBe('Портал ответил не так, как отвечает Битрикс24. (HTTP 200, not JSON)')
  })

  it('names where a portal redirected, and whether the move can be confirmed', () => {
    const moved = (confirmable?: boolean) =>
      new ApiCallError({ code: 'PORTAL_MOVED', message: 'x', details: { to: 'https://new.example', confirmable } })
    expect(describeError(t, moved(true))).toBe(
      'Портал перенаправил приложение на https://new.example. Туда ничего не отправлено: если портал действительно ' +
        'переехал, подтвердите новый адрес на экране «Порталы».'
    )
    expect(describeError(t, moved(false))).toBe(
      'Портал перенаправил приложение на https://new.example — это не защищённый (https) адрес. Туда ничего не отправлено.'
    )
    const en = createAppI18n('en').global.t as typeof t
    expect(describeError(en, moved(false))).toBe(
      'The portal redirected the app to https://new.example, which is not a secure (https) address. Nothing was sent there.'
    )
    expect(describeError(t, moved())).toBe(
      'Портал перенаправил приложение на https://new.example. Туда ничего не отправлено.'
    )
  })

  it('words each problem of an invalid value from its code and params, not the core’s English', () => {
    const error = new ApiCallError({
      code: 'INVALID_VALUE',
      message: 'TITLE: too long; EMAIL: not mail',
      details: {
        errors: [
          { field: 'TITLE', code: 'too_long', message: 'TITLE: too long', params: { count: 301, max: 255 } },
          { field: 'EMAIL', code: 'invalid_email', message: 'x', params: { value: 'not mail' }, item: 1 },
          { field: 'UF_CRM_1', label: 'Бюджет', code: 'out_of_range', message: 'x', params: { value: '-5', min: 0 } },
          { field: 'X', code: 'some_new_code', message: 'X: something new' }
        ]
      }
    })
    expect(describeError(t, error)).toBe(
      'Это значение нельзя сохранить: TITLE: слишком длинно, 301 символ (допустимо символов: 255); ' +
        'EMAIL, элемент 2: «not mail» — не адрес электронной почты; Бюджет: «-5» меньше минимума 0; X: something new'
    )
  })

  it('treats anything else thrown as a transport failure', () => {
    expect(describeError(t, new Error('socket closed'))).toBe('Ядро приложения недоступно: socket closed')
  })
})
