/**
 * The kinds of personal data dbtwin looks for. A kind names what a column holds, not how to replace it: the rule
 * writer picks the action. Kept small on purpose: each kind is one a reviewer can act on.
 */
export const PII_KINDS = [
  'email',
  'phone',
  'national-id',
  'record-number',
  'payment-card',
  'iban',
  'ip-address',
  'person-name',
  'username',
  'credential',
  'image',
  'document',
  'street-address',
  'postcode',
  'birth-date',
  'free-text',
] as const

/** One of {@link PII_KINDS}, e.g. `'email'`. */
export type PiiKind = (typeof PII_KINDS)[number]

/**
 * One line per kind, for reports and `scan` output.
 *
 * @example
 * PII_KIND_DESCRIPTIONS['iban'] // 'a bank account number (IBAN or a national account number)'
 */
export const PII_KIND_DESCRIPTIONS: Readonly<Record<PiiKind, string>> = {
  email: 'an email address',
  phone: 'a phone, mobile or fax number',
  'national-id':
    'a government identifier: US SSN, UK NINO, French NIR, US NPI, tax, passport or ID card number',
  'record-number':
    'an account, member, patient (medical record), policy or customer number that points to one person',
  'payment-card': 'a payment card number (PAN) or its security code',
  iban: 'a bank account number (IBAN or a national account number)',
  'ip-address': 'an IPv4 or IPv6 address',
  'person-name': "a person's first, last, middle or full name",
  username: 'a login, user name or screen name',
  credential: 'a password, password hash, API key, token or other secret',
  image: 'a photo or picture of a person (binary image data, or the link to it)',
  document: 'a scanned or uploaded document: ID card, passport, contract, PDF',
  'street-address': 'a street, house number or full postal address',
  postcode: 'a postal or ZIP code',
  'birth-date': 'a date or year of birth',
  'free-text': 'notes, comments or descriptions that may mention any of the above',
}
