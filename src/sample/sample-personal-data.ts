import type { Random } from '../random/seeded-random.js'

/**
 * The personal data planted in the sample database for `scan` and the rules to find: each value has the format
 * real systems use (a valid SSN range, a Luhn-valid card, an IBAN whose check digits verify).
 */

const STREETS = [
  'Maple',
  'Oak',
  'Cedar',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Park',
  'Main',
  'Pine',
  'River',
]
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Blvd', 'Court']
const NOTES = [
  'Follow-up in two weeks.',
  'Patient reports mild improvement after treatment.',
  'Referred to specialist for further evaluation.',
  'No known allergies. Continue current medication.',
  'Discussed diet and exercise; review lab results next visit.',
]

/** A US social security number in the valid ranges, distinct per patient id. */
export function ssnFor(id: number): string {
  // 7919·id mod 10⁸ walks every 8-digit number once (7919 is prime to 10), so numbers never repeat.
  const n = (id * 7919) % 100_000_000
  // Mixed-radix digits of n (9999 serials × 565 areas × 99 groups) are distinct for distinct n.
  const serial = 1 + (n % 9999)
  const area = 100 + (Math.floor(n / 9999) % 565)
  const group = 1 + (Math.floor(n / 9999 / 565) % 99)
  return `${area}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`
}

export function streetAddress(r: Random): string {
  return `${r.int(1, 9999)} ${r.pick(STREETS)} ${r.pick(SUFFIXES)}`
}

export function ipAddress(r: Random): string {
  return `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
}

/** Clinical notes; about one in six mentions a relative's phone number or email, as real notes do. */
export function encounterNote(r: Random, relative: { first: string; last: string }): string | null {
  if (r.next() < 0.4) return null
  const note = r.pick(NOTES)
  const extra = r.next()
  if (extra < 0.1)
    return `${note} Contact daughter ${relative.first} at +1-555-${String(r.int(0, 9_999_999)).padStart(7, '0')}.`
  if (extra < 0.16)
    return `${note} Send results to ${relative.first}.${relative.last}@mail.example`.toLowerCase()
  return note
}

/** A German IBAN with valid check digits. */
export function iban(r: Random): string {
  const bban = Array.from({ length: 18 }, () => r.int(0, 9)).join('')
  // ISO 13616: check digits make (BBAN + "DE00" as digits) ≡ 1 mod 97; D=13, E=14.
  const remainder = [...`${bban}131400`].reduce((m, d) => (m * 10 + Number(d)) % 97, 0)
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`
}

/** A 16-digit Visa-style card number that passes the Luhn check. */
export function cardNumber(r: Random): string {
  const digits = [4, ...Array.from({ length: 14 }, () => r.int(0, 9))]
  const sum = digits
    .slice()
    .reverse()
    .reduce((s, d, i) => s + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0)
  return [...digits, (10 - (sum % 10)) % 10].join('')
}
