import { base, en, Faker, ru } from '@faker-js/faker'

/**
 * Pools of realistic values made once with faker (seeded, ru and en), so generating a hundred
 * thousand leads only picks from arrays instead of calling faker a million times.
 */
export interface ValuePools {
  maleFirst: string[]
  femaleFirst: string[]
  maleLast: string[]
  femaleLast: string[]
  middle: string[]
  companies: string[]
  cities: string[]
  streets: string[]
  positions: string[]
  sentences: string[]
  domains: string[]
  products: Array<{ name: string; price: number }>
}

const POOL_SIZE = 400

function fill<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make)
}

/** Latin transliteration for e-mail addresses made from Russian names. */
const TRANSLIT: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string])
)
export const latin = (text: string) =>
  [...text.toLowerCase()]
    .map((char) => TRANSLIT[char] ?? char)
    .join('')
    .replace(/[^a-z0-9]/g, '')

export function makePools(lang: 'ru' | 'en', seed: number): ValuePools {
  const faker = new Faker({ locale: lang === 'ru' ? [ru, en, base] : [en, base] })
  faker.seed(seed)
  return {
    maleFirst: fill(POOL_SIZE, () => faker.person.firstName('male')),
    femaleFirst: fill(POOL_SIZE, () => faker.person.firstName('female')),
    maleLast: fill(POOL_SIZE, () => faker.person.lastName('male')),
    femaleLast: fill(POOL_SIZE, () => faker.person.lastName('female')),
    middle: fill(POOL_SIZE, () => faker.person.middleName('male')),
    companies: fill(POOL_SIZE, () => faker.company.name()),
    cities: fill(100, () => faker.location.city()),
    streets: fill(POOL_SIZE, () => faker.location.streetAddress()),
    positions: fill(100, () => faker.person.jobTitle()),
    sentences: fill(POOL_SIZE, () => faker.lorem.sentence({ min: 4, max: 14 })),
    domains: fill(60, () => faker.internet.domainName()),
    products: fill(60, () => ({
      name: faker.commerce.productName(),
      price: Math.round(faker.number.float({ min: 5, max: 5000 }) * 100) / 100
    }))
  }
}
