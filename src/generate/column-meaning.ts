import { callFaker, fakerFor } from '../rules/faker-methods.js'
import type { Random } from '../random/seeded-random.js'

/**
 * The faker method that writes a value of what a column's name says it holds — a company for `company`, a city
 * for `BillingCity` — or null when the name says nothing recognizable (`title`, `notes`). A text column of personal
 * data whose words are too rare to release is written from it (PERSONAL_MEANINGS; issue 17.1, docs/text.md), rather
 * than from letters shaped like its values (`qaoldoebxdrtcltrmfhegebz`) or a marker an email's CHECK refuses.
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

/**
 * Meanings that are personal data, which the default PII pack fakes too (rules/pii-pack.yaml): a faker value of
 * them holds nothing of the source and is what a twin made with the pack writes. A name of a thing (a company, a
 * city, a country) is not one: a twin writes it from released words, or marks it as other (issue 17).
 */
export const PERSONAL_MEANINGS: ReadonlySet<string> = new Set([
  'internet.exampleEmail',
  'internet.username',
  'person.firstName',
  'person.lastName',
  'location.streetAddress',
  'location.zipCode',
  'phone.number',
])

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
