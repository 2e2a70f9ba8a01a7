/**
 * The kinds of personal data dbtwin looks for. A kind names what a column holds, not how to replace it: the rule
 * writer picks the action. Kept small on purpose: each kind is one a reviewer can act on.
 */
export const PII_KINDS = [
  'email',
  'phone',
  'national-id',
  'payment-card',
  'iban',
  'ip-address',
  'person-name',
  'username',
  'credential',
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
  'national-id': 'a government identifier: US SSN, UK NINO, French NIR, tax, passport or ID card number',
  'payment-card': 'a payment card number (PAN) or its security code',
  iban: 'a bank account number (IBAN or a national account number)',
  'ip-address': 'an IPv4 or IPv6 address',
  'person-name': "a person's first, last, middle or full name",
  username: 'a login, user name or screen name',
  credential: 'a password, password hash, API key, token or other secret',
  'street-address': 'a street, house number or full postal address',
  postcode: 'a postal or ZIP code',
  'birth-date': 'a date or year of birth',
  'free-text': 'notes, comments or descriptions that may mention any of the above',
}
