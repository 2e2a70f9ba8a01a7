import { allLocales, type LocaleDefinition } from '@faker-js/faker'
import { fakerFor } from './faker-methods.js'

/**
 * One made-up person whose fields agree with each other (issue 17.8): the email and username are made from the
 * name, and street, city, state, zip and country from one address in one locale, with a phone number in that
 * country's format. Patients whose email did not match their generated name were the complaint.
 */
export interface FakePerson {
  firstName: string
  lastName: string
  fullName: string
  /** `ana.lopez@example.com`: the name, ASCII-folded, at a domain reserved for examples (RFC 2606). */
  email: string
  username: string
  street: string
  city: string
  state: string
  stateCode: string
  zip: string
  country: string
  countryCode: string
  phone: string
}

export type PersonField = keyof FakePerson

/**
 * The person a seed stands for. `locale` makes the name (and so the email and username); `addressLocale` the
 * address and phone, so a row whose country column says Germany gets a German address and phone number while its
 * name stays the one the same person has in every other table.
 *
 * @example fakePerson([1, 2, 3, 4], 'en_US', 'de').email // 'ana.lopez@example.com'-like, with a German phone
 */
export function fakePerson(seed: readonly number[], locale: string, addressLocale = locale): FakePerson {
  const faker = fakerFor(locale)
  faker.seed([...seed])
  const firstName = faker.person.firstName()
  const lastName = faker.person.lastName()
  const first = asciiName(firstName)
  const last = asciiName(lastName)
  const n = faker.number.int({ min: 0, max: 99 })
  const domain = EXAMPLE_DOMAINS[n % EXAMPLE_DOMAINS.length]!
  const local = first === '' && last === '' ? `user${n}` : [first, last].filter((p) => p !== '').join('.')
  const username = [
    `${first}.${last}`,
    `${first}_${last}`,
    `${first.slice(0, 1)}${last}`,
    `${first}${last}${n}`,
  ][n % 4]!.replace(/^[._]|[._]$/g, '')
  const place = fakerFor(addressLocale)
  place.seed([...seed, 1])
  // One draw for both: a state's name and its code are parallel lists in faker's data.
  const states = place.definitions.location.state ?? []
  const codes = place.definitions.location.state_abbr ?? []
  const which = place.number.int({ min: 0, max: Math.max(0, states.length - 1) })
  const state = states[which] ?? place.location.state()
  const stateCode = codes[which] ?? state
  const countryCode = countryOfLocale(addressLocale)
  return {
    firstName,
    lastName,
    fullName: `${firstName} ${lastName}`,
    email: `${local}@${domain}`,
    username: username === '' ? `user${n}` : username,
    street: place.location.streetAddress(),
    city: place.location.city(),
    state,
    stateCode,
    zip: byState(addressLocale) ? place.location.zipCode({ state: stateCode }) : place.location.zipCode(),
    country: countryName(countryCode),
    countryCode,
    phone: place.phone.number({ style: 'national' }),
  }
}

const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net']

/** A name as an email's local part takes it: `José María` → `josemaria`; empty for a name in another script. */
export function asciiName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

const definitions = allLocales as Record<string, LocaleDefinition | undefined>

/** Locales whose data ties zip codes to states (en_US): only there can a zip agree with its state. */
const byStateMemo = new Map<string, boolean>()
function byState(locale: string): boolean {
  let known = byStateMemo.get(locale)
  if (known === undefined) {
    known = definitions[locale]?.location?.postcode_by_state !== undefined
    byStateMemo.set(locale, known)
  }
  return known
}

/** Faker's locales without a country in their metadata, by the country their language is mostly spoken in. */
const LANGUAGE_COUNTRY: Record<string, string> = {
  en: 'US',
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pl: 'PL',
  sv: 'SE',
  da: 'DK',
  fi: 'FI',
  ru: 'RU',
  uk: 'UA',
  tr: 'TR',
  el: 'GR',
  he: 'IL',
  hu: 'HU',
  ro: 'RO',
  sk: 'SK',
  lv: 'LV',
  hr: 'HR',
  vi: 'VN',
  th: 'TH',
  ja: 'JP',
  ko: 'KR',
  fa: 'IR',
}

/** The ISO 3166 country code a locale's addresses are in. */
export function countryOfLocale(locale: string): string {
  return definitions[locale]?.metadata?.country ?? LANGUAGE_COUNTRY[locale.split('_')[0]!] ?? 'US'
}

const regionNames = new Intl.DisplayNames('en', { type: 'region' })
function countryName(code: string): string {
  return regionNames.of(code) ?? code
}

/** The locale to write addresses and phones of a country in, by code (`DE`, `DEU` not) or English name. */
let localeByCountry: Map<string, string> | undefined
export function localeForCountry(value: string): string | null {
  if (localeByCountry === undefined) {
    localeByCountry = new Map()
    // Language-only locales first: Germany is `de`, not `de_AT`'s neighbour data.
    const entries = [
      ...Object.entries(LANGUAGE_COUNTRY).filter(([language]) => language !== 'en'),
      ['en_US', 'US'],
      ...Object.keys(definitions).flatMap((locale) => {
        const country = definitions[locale]?.metadata?.country
        return country === undefined || country === null ? [] : [[locale, country] as const]
      }),
    ]
    for (const [locale, country] of entries) {
      for (const key of [country.toLowerCase(), countryName(country).toLowerCase()])
        if (!localeByCountry.has(key)) localeByCountry.set(key, locale)
    }
    for (const [alias, locale] of [
      ['usa', 'en_US'],
      ['uk', 'en_GB'],
      ['england', 'en_GB'],
    ] as const)
      localeByCountry.set(alias, locale)
  }
  return localeByCountry.get(value.trim().toLowerCase()) ?? null
}
