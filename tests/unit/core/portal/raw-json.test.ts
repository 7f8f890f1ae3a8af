import { describe, expect, it } from 'vitest'
import { parsedValue, RawJson } from '../../../../electron/core/portal/raw-json'
import { seededRandom, type Random } from '../../../../electron/emulator/seed/random'

/** Strings that trip a careless scanner: quotes, backslashes before quotes, brackets, non-Latin text. */
const TRICKY_STRINGS = ['', 'plain', 'say "hi"', 'ends with \\', '\\"', '{[', ']}', ',:', 'Ёлка ёж', '😀 emoji', '\n\t']

function randomValue(random: Random, depth: number): unknown {
  const choice = Math.floor(random() * (depth > 3 ? 5 : 7))
  switch (choice) {
    case 0:
      return null
    case 1:
      return random() < 0.5
    case 2:
      return Math.round((random() - 0.5) * 1e6) / 100
    case 3:
    case 4:
      return TRICKY_STRINGS[Math.floor(random() * TRICKY_STRINGS.length)]! + String(Math.floor(random() * 100))
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1))
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, index) => [
          `${TRICKY_STRINGS[index % TRICKY_STRINGS.length]}k${index}`,
          randomValue(random, depth + 1)
        ])
      )
  }
}

/** Parses a RawJson the slow way: through members and elements, down to the leaves. */
function deepRead(raw: RawJson): unknown {
  if (raw.kind === 'object') return Object.fromEntries(raw.members().map(([key, value]) => [key, deepRead(value)]))
  if (raw.kind === 'array') return raw.elements().map(deepRead)
  return raw.parse()
}

describe('RawJson', () => {
  it('reads every member and element exactly as JSON.parse does (1,000 random documents)', () => {
    const random = seededRandom(11)
    for (let round = 0; round < 1000; round++) {
      const value = { result: randomValue(random, 0), list: [randomValue(random, 0), randomValue(random, 0)] }
      const spaced = round % 2 === 0 ? JSON.stringify(value) : JSON.stringify(value, null, round % 4 === 1 ? 2 : '\t')
      expect(deepRead(RawJson.of(spaced))).toEqual(JSON.parse(spaced))
      expect(RawJson.of(spaced).parse()).toEqual(value)
    }
  })

  it('finds members, including a missing one, and keeps their order', () => {
    const raw = RawJson.of('{ "b": [1, {"x": "]"}], "a": "\\"}", "c": null }')
    expect(raw.members().map(([key]) => key)).toEqual(['b', 'a', 'c'])
    expect(raw.member('a')!.parse()).toBe('"}')
    expect(
      raw
        .member('b')!
        .elements()
        .map((item) => item.parse())
    ).toEqual([1, { x: ']' }])
    expect(raw.member('missing')).toBeUndefined()
    expect(RawJson.of('{}').members()).toEqual([])
    expect(RawJson.of('[ ]').elements()).toEqual([])
  })

  it('reads UTF-8 bytes as they come from the network, a byte order mark included', () => {
    const bytes = new TextEncoder().encode('\uFEFF{"name": "Ёлка", "list": ["日本", "😀"]}')
    const raw = RawJson.of(bytes)
    expect(raw.member('name')!.parse()).toBe('Ёлка')
    expect(
      raw
        .member('list')!
        .elements()
        .map((item) => item.text())
    ).toEqual(['"日本"', '"😀"'])
  })

  it('counts an array and finds its last element; walks elements one at a time', () => {
    const list = RawJson.of('[{"ID":"1"}, [2], "3,]", 4]')
    const { count, last } = list.countElements()
    expect([count, last!.parse()]).toEqual([4, 4])
    const walk = list.eachElement()
    expect(walk.next().value!.parse()).toEqual({ ID: '1' })
    expect([...walk].map((item) => item.text())).toEqual(['[2]', '"3,]"', '4'])
    expect(RawJson.of('[]').countElements()).toEqual({ count: 0, last: undefined })
  })

  it('says what kind of value it holds', () => {
    expect(['{}', '[]', '"s"', '12', 'true', 'null'].map((text) => RawJson.of(text).kind)).toEqual([
      'object',
      'array',
      'string',
      'other',
      'other',
      'other'
    ])
  })

  it('refuses broken text with the position', () => {
    expect(() => RawJson.of('{"a": [1, 2}')).toThrow(SyntaxError)
    expect(() => RawJson.of('{"a": [1, 2')).toThrow('Not valid JSON at byte 0 (the value does not end)')
    expect(() => RawJson.of('{"a": "open')).toThrow('the string does not end')
    expect(() => RawJson.of('{"a": 1} trailing')).toThrow('text after the value')
    expect(() => RawJson.of('')).toThrow('a value was expected')
    expect(() => RawJson.of('{"a" 1}').members()).toThrow('":" was expected')
    expect(() => RawJson.of('[1 2]').elements()).toThrow('"," or "]" was expected')
    expect(() => RawJson.of('[1]').members()).toThrow('an object was expected')
    expect(() => RawJson.of('{}').elements()).toThrow('an array was expected')
  })

  it('a part that is not valid JSON fails only when it is parsed', () => {
    const raw = RawJson.of('{"good": [1], "bad": [tru]}')
    expect(raw.member('good')!.parse()).toEqual([1])
    expect(() => raw.member('bad')!.parse()).toThrow(SyntaxError)
  })

  it('parsedValue parses a RawJson and passes anything else through', () => {
    expect(parsedValue(RawJson.of('[1,{"a":2}]'))).toEqual([1, { a: 2 }])
    const object = { a: 1 }
    expect(parsedValue(object)).toBe(object)
  })
})
