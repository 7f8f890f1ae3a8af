import { describe, expect, it } from 'vitest'
import {
  BITRIX24_OAUTH_SERVER,
  normalizePortalAddress,
  oauthServerFor
} from '../../../../electron/core/auth/portal-address'
import { AppError } from '../../../../electron/core/errors'

function problemOf(input: string): unknown {
  try {
    normalizePortalAddress(input)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('INVALID_PORTAL_ADDRESS')
    return ((error as AppError).details as { problem: string }).problem
  }
  throw new Error(`${input} was accepted`)
}

describe('normalizePortalAddress', () => {
  it.each([
    ['acme.bitrix24.com', 'https://acme.bitrix24.com', 'acme.bitrix24.com'],
    ['https://acme.bitrix24.com/', 'https://acme.bitrix24.com', 'acme.bitrix24.com'],
    ['https://acme.bitrix24.com', 'https://acme.bitrix24.com', 'acme.bitrix24.com'],
    ['  ACME.Bitrix24.RU/  ', 'https://acme.bitrix24.ru', 'acme.bitrix24.ru'],
    ['HTTPS://acme.bitrix24.de:443/', 'https://acme.bitrix24.de', 'acme.bitrix24.de'],
    ['crm.example.org:8443', 'https://crm.example.org:8443', 'crm.example.org:8443']
  ])('accepts %j as %s', (input, origin, domain) => {
    expect(normalizePortalAddress(input)).toEqual({ origin, domain, isLoopback: false })
  })

  it('allows plain http only for a portal on this machine (the emulator)', () => {
    expect(normalizePortalAddress('http://127.0.0.1:8080')).toEqual({
      origin: 'http://127.0.0.1:8080',
      domain: '127.0.0.1:8080',
      isLoopback: true
    })
    expect(normalizePortalAddress('http://localhost:9/').isLoopback).toBe(true)
    expect(problemOf('http://acme.bitrix24.com')).toBe('notHttps')
  })

  it.each([
    ['', 'notAddress'],
    ['acme bitrix24.com', 'notAddress'],
    ['https://', 'notAddress'],
    ['ftp://acme.bitrix24.com', 'notHttps'],
    ['javascript:alert(1)', 'notAddress'],
    ['https://user:pw@acme.bitrix24.com', 'hasCredentials'],
    ['https://acme.bitrix24.com/rest/1/abcd1234/', 'hasPath'],
    ['acme.bitrix24.com/crm/lead/', 'hasPath'],
    ['https://acme.bitrix24.com/?x=1', 'hasPath'],
    ['https://acme.bitrix24.com/?', 'hasPath'],
    ['https://acme.bitrix24.com/#top', 'hasPath'],
    ['acme', 'notFullDomain']
  ])('rejects %j (%s)', (input, problem) => {
    expect(problemOf(input)).toBe(problem)
  })

  it('explains the expected form in the message', () => {
    expect(() => normalizePortalAddress('https://acme.bitrix24.com/crm/')).toThrow(
      'Type only the portal address, without a path, like acme.bitrix24.com'
    )
  })
})

describe('oauthServerFor', () => {
  const cloud = normalizePortalAddress('acme.bitrix24.com')
  const local = normalizePortalAddress('http://127.0.0.1:4000')

  it('is oauth.bitrix.info for a cloud portal and the portal itself on this machine', () => {
    expect(oauthServerFor(cloud)).toBe(BITRIX24_OAUTH_SERVER)
    expect(BITRIX24_OAUTH_SERVER).toBe('https://oauth.bitrix.info')
    expect(oauthServerFor(local)).toBe('http://127.0.0.1:4000')
  })

  it('takes a configured server (as an origin) and refuses one that is not https', () => {
    expect(oauthServerFor(cloud, 'https://oauth.example.org/')).toBe('https://oauth.example.org')
    expect(() => oauthServerFor(cloud, 'http://oauth.example.org')).toThrow(AppError)
    expect(() => oauthServerFor(cloud, 'not a url')).toThrow('The OAuth server must be an https:// address')
  })
})
