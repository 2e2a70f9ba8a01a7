import { callFaker, fakerFor } from '../rules/faker-methods.js'
import type { Random } from '../random/seeded-random.js'

/**
 * The faker method that writes a value of what a column's name says it holds — a company for `company`, a city
 * for `BillingCity` — or null when the name says nothing recognizable (`title`, `notes`). A text column whose words
 * are too rare to release is written from it (issue 17.1, docs/text.md), rather than from letters shaped like its
 * values: chinook's ten customer companies, all distinct, came back as `qaoldoebxdrtcltrmfhegebz`.
 *
 * The last recognizable part of the name wins, as the head of an English compound does: `company_city` is a city.
 *
 * @example columnMeaning('BillingCity') // 'location.city'
 */
export function columnMeaning(name: string): string | null {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '')
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!
    const before = parts[i - 1]
    if (part === 'name' && before !== undefined) {
      const named = NAMED[before]
      if (named !== undefined) return named
    }
    const meaning = PARTS[part.replace(/\d+$/, '')]
    if (meaning !== undefined) return meaning
  }
  return null
}

/** `X_name` where X says whose name it is. */
const NAMED: Record<string, string> = {
  first: 'person.firstName',
  given: 'person.firstName',
  fore: 'person.firstName',
  last: 'person.lastName',
  family: 'person.lastName',
  sur: 'person.lastName',
  user: 'internet.username',
  login: 'internet.username',
  company: 'company.name',
  business: 'company.name',
}

/** One part of a name that says what the column holds (digits at its end aside: `address2`). */
const PARTS: Record<string, string> = {
  email: 'internet.exampleEmail',
  mail: 'internet.exampleEmail',
  username: 'internet.username',
  login: 'internet.username',
  firstname: 'person.firstName',
  forename: 'person.firstName',
  lastname: 'person.lastName',
  surname: 'person.lastName',
  company: 'company.name',
  companyname: 'company.name',
  organization: 'company.name',
  organisation: 'company.name',
  employer: 'company.name',
  vendor: 'company.name',
  supplier: 'company.name',
  publisher: 'company.name',
  manufacturer: 'company.name',
  city: 'location.city',
  town: 'location.city',
  country: 'location.country',
  state: 'location.state',
  province: 'location.state',
  county: 'location.county',
  district: 'location.county',
  zip: 'location.zipCode',
  zipcode: 'location.zipCode',
  postal: 'location.zipCode',
  postcode: 'location.zipCode',
  address: 'location.streetAddress',
  street: 'location.streetAddress',
  addr: 'location.streetAddress',
  phone: 'phone.number',
  telephone: 'phone.number',
  mobile: 'phone.number',
  fax: 'phone.number',
  url: 'internet.url',
  website: 'internet.url',
  homepage: 'internet.url',
  jobtitle: 'person.jobTitle',
}

/**
 * A writer of values by a faker method, seeded from the row's own random stream (so a twin is the same for the
 * same seed), cut to `maxLength` and upper-cased when the source's values are (`upper`: pagila's `PENELOPE`).
 */
export function meaningText(method: string, maxLength: number, upper: boolean): (random: Random) => string {
  const faker = fakerFor('en')
  return (random) => {
    faker.seed(Math.floor(random.next() * 2 ** 32))
    const value = String(callFaker(faker, method, []))
    const cased = upper ? value.toUpperCase() : value
    return cased.length > maxLength ? Array.from(cased).slice(0, maxLength).join('') : cased
  }
}

/** How the source's values are cased, read off their learned shapes (`A{7} A{8}`: upper; `Aa{5} a{3}`: sentence). */
export type WordCase = 'upper' | 'title' | 'sentence' | 'lower'

/**
 * A writer of common English words (faker's word lists) for a text column that neither its words nor its name
 * explain (pagila's `film.title`, whose words are each in too few rows to release): as many characters as a
 * length drawn from the source's (`pickLength`), cut at a word to `maxLength`, in the source's case. Made-up,
 * holding nothing of the source, and reading as text rather than as a marker (`STRANGE SUBURBAN PIGLET` for a film).
 */
export function plainWords(
  pickLength: (random: Random) => number,
  maxLength: number,
  casing: WordCase,
): (random: Random) => string {
  const faker = fakerFor('en')
  return (random) => {
    faker.seed(Math.floor(random.next() * 2 ** 32))
    const wanted = Math.max(1, Math.min(pickLength(random), maxLength))
    // Adjectives ending in a noun read as a name of a thing (`CREAMY GYMNAST`), where any word type did not
    // (`GEEZ SCORN MATURE BESIDES`); the noun is drawn first, so a value never lacks one.
    const noun = faker.word.noun()
    const words: string[] = []
    let length = noun.length
    while (length < wanted) {
      const word = faker.word.adjective()
      if (length + 1 + word.length > maxLength) break
      if (!words.includes(word)) words.push(word)
      length += 1 + word.length
    }
    words.push(noun)
    const text = words.map((w, i) => cased(w, i, casing)).join(' ')
    return text.length > maxLength ? Array.from(text).slice(0, maxLength).join('') : text
  }
}

function cased(word: string, index: number, casing: WordCase): string {
  if (casing === 'upper') return word.toUpperCase()
  if (casing === 'title' || (casing === 'sentence' && index === 0))
    return word.charAt(0).toUpperCase() + word.slice(1)
  return word
}
