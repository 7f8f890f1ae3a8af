import { describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { parseWebhookUrl } from '../../../electron/core/portals/webhook-url'

function problemOf(input: string): string | undefined {
  try {
    parseWebhookUrl(input)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('INVALID_WEBHOOK_URL')
    return ((error as AppError).details as { problem: string }).problem
  }
}

describe('parseWebhookUrl', () => {
  it('splits a webhook URL into portal, user and code', () => {
    expect(parseWebhookUrl(' https://acme.bitrix24.com/rest/1/abc123def456xyz0/ ')).toEqual({
      domain: 'acme.bitrix24.com',
      origin: 'https://acme.bitrix24.com',
      userId: 1,
      code: 'abc123def456xyz0'
    })
  })

  it('accepts a URL without the trailing slash or with a method copied along', () => {
    expect(parseWebhookUrl('https://acme.bitrix24.ru/rest/12/k3yz').code).toBe('k3yz')
    expect(parseWebhookUrl('https://acme.bitrix24.ru/rest/12/abcd1234/profile.json').userId).toBe(12)
  })

  it('allows plain http only on loopback (the local demo portal)', () => {
    expect(parseWebhookUrl('http://127.0.0.1:8080/rest/1/abcd1234/').domain).toBe('127.0.0.1:8080')
    expect(problemOf('http://acme.bitrix24.com/rest/1/abcd1234/')).toBe('notHttps')
    expect(problemOf('ftp://acme.bitrix24.com/rest/1/abcd1234/')).toBe('notHttps')
  })

  it.each([
    ['not a url', 'notUrl'],
    ['', 'notUrl'],
    ['acme.bitrix24.com/rest/1/abcd1234/', 'notUrl'],
    ['https://acme.bitrix24.com/', 'notWebhookPath'],
    ['https://acme.bitrix24.com/rest/', 'notWebhookPath'],
    ['https://acme.bitrix24.com/rest/0/abcd1234/', 'notWebhookPath'],
    ['https://acme.bitrix24.com/rest/x/abcd1234/', 'notWebhookPath'],
    ['https://acme.bitrix24.com/rest/1/ab$d1234/', 'notWebhookPath'],
    ['https://acme.bitrix24.com/crm/lead/list/', 'notWebhookPath'],
    ['https://user:pw@acme.bitrix24.com/rest/1/abcd1234/', 'hasCredentials']
  ])('rejects %j as %s', (input, problem) => {
    expect(problemOf(input)).toBe(problem)
  })
})
