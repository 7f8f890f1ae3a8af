import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Composer } from 'vue-i18n'
import { createAppI18n, locales, type Locale } from '../../../renderer/src/i18n'
import en from '../../../renderer/src/i18n/en'
import ru from '../../../renderer/src/i18n/ru'

/**
 * Every message of both languages, rendered as the app renders it, with sample values: none may
 * fail to compile, lack a translation, leave a placeholder unreplaced, or show a count without
 * its plural forms.
 */
type Tree = { [key: string]: string | Tree }

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof child === 'string' ? [path] : leafKeys(child, path)
  })
}

function sourceOf(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** Named placeholders of a message's source (a literal `{'{'}` is not one). */
const placeholders = (source: string) => [
  ...new Set([...source.matchAll(/\{\s*(\w+)\s*\}/g)].map((match) => match[1]!))
]

/** A sample that cannot occur in any message by chance, so its presence proves the replacement. */
const sample = (name: string) => `«${name}-sample»`
/** Counts that select each plural form: one, few and many in Russian (one and other in English). */
const COUNTS = [1, 3, 5] as const
const FORMS: Record<Locale, number> = { en: 2, ru: 3 }

const messages = { en, ru } as unknown as Record<Locale, Tree>
const allKeys = [...new Set([...leafKeys(messages.en), ...leafKeys(messages.ru)])].sort()

let complaints: string[] = []
beforeEach(() => {
  complaints = []
  for (const level of ['warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void complaints.push(args.map(String).join(' '))
    )
})
afterEach(() => vi.restoreAllMocks())

function render(locale: Locale, key: string, values: Record<string, unknown>, count?: number): string {
  const i18n = createAppI18n(locale)
  ;(i18n.global as unknown as Composer).setMissingHandler(
    (missingLocale: string, missingKey: string) => void complaints.push(`missing ${missingLocale}:${missingKey}`)
  )
  const t = i18n.global.t as (key: string, values: Record<string, unknown>, plural?: number) => string
  let text: string
  try {
    text = count === undefined ? t(key, values) : t(key, values, count)
  } catch (error) {
    complaints.push(String(error))
    return ''
  }
  return text
}

describe.each(locales)('every %s message', (locale) => {
  it.each(allKeys)('%s renders', (key) => {
    const source = sourceOf(messages[locale], key)
    expect(source, `no ${locale} text for ${key}`).toBeTypeOf('string')
    const names = placeholders(source!)
    const values = Object.fromEntries(names.map((name) => [name, sample(name)]))
    const counts = names.includes('count') ? COUNTS : [undefined]
    const texts = counts.map((count) => render(locale, key, count === undefined ? values : { ...values, count }, count))

    expect(complaints, 'warnings or errors while rendering').toEqual([])
    for (const text of texts) {
      expect(text, 'an unreplaced placeholder').not.toMatch(/\{\s*\w+\s*\}/)
      expect(text, 'plural forms shown together').not.toContain(' | ')
      for (const name of names.filter((name) => name !== 'count')) expect(text).toContain(sample(name))
    }
    if (names.includes('count')) {
      expect(source!.split(' | '), 'plural forms of a count').toHaveLength(FORMS[locale])
      texts.forEach((text, index) => expect(text).toContain(String(COUNTS[index])))
      const forms = new Set(texts.map((text, index) => text.replace(String(COUNTS[index]), '#')))
      expect(forms.size, `the forms for ${COUNTS.join(', ')}`).toBe(FORMS[locale])
    }
  })
})

/** The renderer's sources, for the keys they ask for. */
const sources = Object.entries(
  import.meta.glob<string>(['../../../renderer/src/**/*.{vue,ts}', '!../../../renderer/src/i18n/**'], {
    query: '?raw',
    import: 'default',
    eager: true
  })
)

describe('the keys the renderer asks for', () => {
  // t('a.b', …) and t(condition ? 'a.b' : 'a.c', …)
  const asked = sources.flatMap(([file, text]) =>
    [...text.matchAll(/\bt\(\s*(?:[\w.!]+\s*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g)].flatMap((match) =>
      match.slice(1).flatMap((key) => (key ? [{ file, key }] : []))
    )
  )
  const prefixes = sources.flatMap(([file, text]) =>
    [...text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)].map((match) => ({ file, key: match[1]! }))
  )

  it('finds them (the scan itself works)', () => {
    expect(asked.length).toBeGreaterThan(50)
    expect(prefixes.length).toBeGreaterThan(5)
  })

  it.each(locales)('exist in %s', (locale) => {
    const missing = asked.filter(({ key }) => sourceOf(messages[locale], key) === undefined)
    expect(missing).toEqual([])
    const missingSections = prefixes.filter(({ key }) => {
      let node: string | Tree | undefined = messages[locale]
      for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
      return typeof node !== 'object'
    })
    expect(missingSections).toEqual([])
  })
})
