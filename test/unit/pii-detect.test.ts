import { fakerDE, fakerEN_US, fakerES, fakerFR, fakerNL, type Faker } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import {
  contextOf,
  detectByContent,
  detectByName,
  detectPii,
  ibanValid,
  isEmail,
  isIpAddress,
  isNationalId,
  isPasswordHash,
  isPaymentCard,
  npiValid,
  sniffFile,
  isPersonName,
  isPhone,
  isPostcode,
  isStreetAddress,
  luhnValid,
  ssnValid,
} from '../../src/rules/pii-detect.js'
import { PII_KIND_DESCRIPTIONS, PII_KINDS, type PiiKind } from '../../src/model/pii-kinds.js'
import type { PortableType } from '../../src/schema/schema.js'

/** `count` values from a faker seeded per call, so each sample is the same on every run. */
function sample(faker: Faker, count: number, make: (f: Faker) => string, seed = 7): string[] {
  faker.seed(seed)
  return Array.from({ length: count }, () => make(faker))
}

const LOCALES: readonly [string, Faker][] = [
  ['en', fakerEN_US],
  ['de', fakerDE],
  ['fr', fakerFR],
  ['es', fakerES],
  ['nl', fakerNL],
]

describe('pii kinds', () => {
  it('describes every kind in one line', () => {
    for (const kind of PII_KINDS) expect(PII_KIND_DESCRIPTIONS[kind]).toMatch(/^[^\n]{10,}$/)
  })
})

describe('validators', () => {
  const cases: [string, (value: string) => boolean, string[], string[]][] = [
    [
      'luhnValid',
      luhnValid,
      ['4111111111111111', '79927398713', '378282246310005'],
      ['4111111111111112', '79927398710', '4111 1111 1111 1111', '', '7'],
    ],
    [
      'ibanValid',
      ibanValid,
      [
        'GB82WEST12345698765432',
        'DE89370400440532013000',
        'GB82 WEST 1234 5698 7654 32',
        'de89370400440532013000',
      ],
      [
        'GB82WEST12345698765433',
        'DE89370400440532013001',
        'GB82WEST1234569876543',
        'DE8937040044053201300',
        'XX',
      ],
    ],
    [
      'ssnValid',
      ssnValid,
      ['123-45-6789', '123456789', '123 45 6789', '665-01-0001'],
      [
        '000-12-3456',
        '666-12-3456',
        '900-12-3456',
        '123-00-4567',
        '123-45-0000',
        '123-456-789',
        '123-45 6789',
      ],
    ],
    [
      'isNationalId',
      isNationalId,
      ['123-45-6789', 'AB123456C', 'AB 12 34 56 C', '1 85 05 78 006 084 91', '269022A35004642'],
      ['123456789', 'GB123456A', 'QQ123456C', 'AB123456E', '1 85 05 78 006 084 92', '000-12-3456'],
    ],
    [
      'isPaymentCard',
      isPaymentCard,
      [
        '4111111111111111',
        '4111 1111 1111 1111',
        '4111-1111-1111-1111',
        '378282246310005',
        '5555555555554444',
        '2223003122003222',
        '6011111111111117',
      ],
      ['4111111111111112', '1234567812345670', '4111  1111 1111 1111', '411111111111', '4111-1111-1111-111a'],
    ],
    [
      'isEmail',
      isEmail,
      ['ann@example.com', 'a.b+c@sub.example.co.uk', 'Lura_King99@yahoo.com'],
      ['ann@example', 'ann example.com', '@example.com', 'ann@@example.com', 'ann@.com'],
    ],
    [
      'isPhone',
      isPhone,
      [
        '+1 (555) 123-4567',
        '+4930123456',
        '(551) 389-3688 x0018',
        '595-736-8079 x727',
        '0612345678',
        '017853 30703',
        '06 8210 9786',
        '998 773 752',
        '(0703) 101335462',
      ],
      [
        '12345678',
        '1234.5678',
        '2024-01-02',
        '12-34',
        '60779-7100',
        '+1 23',
        'call me',
        '1234567890123456789',
      ],
    ],
    [
      'isIpAddress',
      isIpAddress,
      ['192.168.1.10', '10.0.0.0/8', '2001:db8::1', '::1', '3a08:cff4:9cf4:55aa:1b4b:60dc:8abb:fb0f'],
      ['256.1.1.1', '1.2.3', 'abc', '192.168.1.10.5', '12345'],
    ],
    [
      'isPostcode',
      isPostcode,
      ['94105-1234', 'SW1A 1AA', 'EC1A1BB', 'M1 1AE', 'K1A 0B6', '1012 AB'],
      ['94105', '1012', 'hello', '941051234', 'SW1A'],
    ],
    [
      'isStreetAddress',
      isStreetAddress,
      [
        '123 Main St',
        '4470 Kshlerin Brooks Apt. 123',
        'Hauptstraße 12a',
        'Röntgenstr. 2',
        '12 rue de la Paix',
        'Calle Mayor 5',
        'Kerkstraat 12',
        'Flat 3, 12 High Street',
      ],
      ['Main Street', 'seen by Dr Smith on 3 May', '12345', 'Hello world 5', '12 apples and 3 pears'],
    ],
    [
      'isPersonName',
      isPersonName,
      ['Josefien van Vliet', 'Mary', 'SMITH', 'Müller', 'Jesús Gamboa Lara', 'Mme Athénaïs Jacquet'],
      ['checkup', 'Kuhn LLC', 'Rustic Granite Chair', 'John 3', 'emergency', ''],
    ],
    [
      'isPasswordHash',
      isPasswordHash,
      [
        '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
        '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
        'pbkdf2_sha256$260000$abcdefghijkl$0123456789abcdefghijABCDEFGHIJ=',
      ],
      ['hunter2', '$2b$', 'correct horse battery staple'],
    ],
  ]
  for (const [name, valid, good, bad] of cases) {
    describe(name, () => {
      it.each(good)('accepts %j', (value) => expect(valid(value)).toBe(true))
      it.each(bad)('rejects %j', (value) => expect(valid(value)).toBe(false))
    })
  }
})

describe('detectByName', () => {
  const hits: [table: string, column: string, type: PortableType, kind: PiiKind][] = [
    ['users', 'email', 'text', 'email'],
    ['users', 'emailAddress', 'varchar', 'email'],
    ['users', 'E-Mail', 'varchar', 'email'],
    ['clients', 'courriel', 'varchar', 'email'],
    ['users', 'phone_number', 'varchar', 'phone'],
    ['contacts', 'mobilePhone', 'varchar', 'phone'],
    ['kunden', 'Telefonnummer', 'varchar', 'phone'],
    ['clientes', 'telefono', 'varchar', 'phone'],
    ['klanten', 'telefoon', 'varchar', 'phone'],
    ['users', 'phone', 'bigint', 'phone'],
    ['users', 'ssn', 'integer', 'national-id'],
    ['employees', 'nino', 'char', 'national-id'],
    ['patients', 'numero_secu', 'varchar', 'national-id'],
    ['persons', 'national_id', 'varchar', 'national-id'],
    ['kunden', 'steuer_id', 'varchar', 'national-id'],
    ['customers', 'credit_card_number', 'varchar', 'payment-card'],
    ['accounts', 'IBAN', 'varchar', 'iban'],
    ['kunden', 'kontonummer', 'varchar', 'iban'],
    ['sessions', 'ip_address', 'inet', 'ip-address'],
    ['users', 'last_login_ip', 'text', 'ip-address'],
    ['users', 'first_name', 'varchar', 'person-name'],
    ['actor', 'last_name', 'text', 'person-name'],
    ['users', 'FirstName', 'varchar', 'person-name'],
    ['kunden', 'Vorname', 'varchar', 'person-name'],
    ['kunden', 'nachname', 'varchar', 'person-name'],
    ['clients', 'prenom', 'varchar', 'person-name'],
    ['clients', 'nom', 'varchar', 'person-name'],
    ['clientes', 'apellido', 'varchar', 'person-name'],
    ['clientes', 'nombre', 'varchar', 'person-name'],
    ['klanten', 'voornaam', 'varchar', 'person-name'],
    ['klanten', 'achternaam', 'varchar', 'person-name'],
    ['patients', 'name', 'text', 'person-name'],
    ['app_users', 'display name', 'text', 'person-name'],
    ['orders', 'customer_name', 'text', 'person-name'],
    ['commandes', 'nom_client', 'text', 'person-name'],
    ['users', 'username', 'varchar', 'username'],
    ['users', 'user_name', 'varchar', 'username'],
    ['users', 'password_hash', 'text', 'credential'],
    ['integrations', 'apiKey', 'text', 'credential'],
    ['address', 'address', 'varchar', 'street-address'],
    ['address', 'address2', 'varchar', 'street-address'],
    ['users', 'address_line_1', 'varchar', 'street-address'],
    ['kunden', 'Straße', 'varchar', 'street-address'],
    ['clients', 'rue', 'varchar', 'street-address'],
    ['clientes', 'calle', 'varchar', 'street-address'],
    ['kunden', 'plz', 'varchar', 'postcode'],
    ['clients', 'code_postal', 'varchar', 'postcode'],
    ['users', 'zipCode', 'varchar', 'postcode'],
    ['users', 'zip', 'integer', 'postcode'],
    ['address', 'postal_code', 'varchar', 'postcode'],
    ['patients', 'birth_date', 'date', 'birth-date'],
    ['patients', 'birth_date', 'varchar', 'birth-date'],
    ['patients', 'date_of_birth', 'timestamp', 'birth-date'],
    ['patients', 'dob', 'date', 'birth-date'],
    ['patienten', 'geburtsdatum', 'date', 'birth-date'],
    ['patients', 'date_naissance', 'date', 'birth-date'],
    ['pacientes', 'fecha_nacimiento', 'date', 'birth-date'],
    ['patienten', 'geboortedatum', 'date', 'birth-date'],
    ['encounters', 'notes', 'text', 'free-text'],
    ['products', 'description', 'text', 'free-text'],
    ['tickets', 'Bemerkung', 'text', 'free-text'],
  ]
  it.each(hits)('%s.%s (%s) → %s', (table, column, type, kind) => {
    expect(detectByName({ name: column, type }, table)?.kind).toBe(kind)
  })

  const misses: [table: string, column: string, type: PortableType][] = [
    ['departments', 'name', 'text'],
    ['insurers', 'name', 'text'],
    ['products', 'name', 'varchar'],
    ['user_roles', 'name', 'varchar'],
    ['customers', 'company_name', 'varchar'],
    ['encounters', 'kind', 'text'],
    ['encounters', 'created_at', 'timestamptz'],
    ['encounters', 'patient_id', 'integer'],
    ['users', 'address_id', 'integer'],
    ['users', 'address_id', 'varchar'],
    ['persons', 'national_id', 'bigint'],
    ['encounters', 'status', 'enum'],
    ['invoices', 'amount', 'decimal'],
    ['users', 'birth_date', 'integer'],
    ['users', 'zip', 'boolean'],
    ['users', 'email_verified', 'boolean'],
    ['users', 'email_verified', 'text'],
    ['users', 'phone_type', 'varchar'],
    ['users', 'num_phones', 'integer'],
    ['devices', 'mac_address', 'varchar'],
    ['users', 'last_login', 'timestamptz'],
    ['patients', 'lieu_naissance', 'varchar'],
    ['messages', 'message_id', 'varchar'],
    ['users', 'id', 'uuid'],
  ]
  it.each(misses)('%s.%s (%s) → null', (table, column, type) => {
    expect(detectByName({ name: column, type }, table)).toBeNull()
  })

  it('rates specific names above generic ones and free text lowest', () => {
    const confidence = (name: string, table = 'users') =>
      detectByName({ name, type: 'text' }, table)?.confidence
    expect(confidence('ssn')).toBe(0.85)
    expect(confidence('mobile')).toBe(0.6)
    expect(confidence('name', 'patients')).toBe(0.65)
    expect(confidence('notes')).toBe(0.3)
  })

  it('explains the match with the column name only', () => {
    expect(detectByName({ name: 'name', type: 'text' }, 'patients')?.evidence).toBe(
      'name "name" on people table "patients" matches person-name',
    )
    expect(detectByName({ name: 'email', type: 'text' }, 'users')?.evidence).toBe(
      'name "email" matches email',
    )
  })
})

describe('detectByContent', () => {
  const n = 200
  const generated: [string, string[], PiiKind][] = [
    ['emails', sample(fakerEN_US, n, (f) => f.internet.email()), 'email'],
    ['IPv4 addresses', sample(fakerEN_US, n, (f) => f.internet.ipv4()), 'ip-address'],
    ['IPv6 addresses', sample(fakerEN_US, n, (f) => f.internet.ipv6()), 'ip-address'],
    ['IBANs', sample(fakerEN_US, n, (f) => f.finance.iban()), 'iban'],
    ['card numbers', sample(fakerEN_US, n, (f) => f.finance.creditCardNumber()), 'payment-card'],
    [
      'SSNs',
      sample(fakerEN_US, n, (f) => f.helpers.fromRegExp(/[1-5][0-9]{2}-[1-9][0-9]-[1-9][0-9]{3}/)),
      'national-id',
    ],
    ['ZIP+4 codes', sample(fakerEN_US, n, (f) => f.location.zipCode('#####-####')), 'postcode'],
    ['bcrypt hashes', sample(fakerEN_US, n, (f) => `$2b$10$${f.string.alphanumeric(53)}`), 'credential'],
    ...LOCALES.flatMap(([locale, faker]): [string, string[], PiiKind][] => [
      [`${locale} phone numbers`, sample(faker, n, (f) => f.phone.number()), 'phone'],
      [`${locale} full names`, sample(faker, n, (f) => f.person.fullName()), 'person-name'],
      [`${locale} last names`, sample(faker, n, (f) => f.person.lastName()), 'person-name'],
      [
        `${locale} street addresses`,
        sample(faker, n, (f) => f.location.streetAddress(true)),
        'street-address',
      ],
    ]),
  ]
  it.each(generated)('finds %s', (_, values, kind) => {
    const hit = detectByContent(values)
    expect(hit?.kind).toBe(kind)
    expect(hit?.share).toBeGreaterThanOrEqual(0.6)
  })

  const harmless: [string, string[]][] = [
    ['integers', sample(fakerEN_US, n, (f) => String(f.number.int({ min: 1, max: 10_000_000 })))],
    ['amounts', sample(fakerEN_US, n, (f) => f.finance.amount())],
    ['dates', sample(fakerEN_US, n, (f) => f.date.past().toISOString().slice(0, 10))],
    ['statuses', sample(fakerEN_US, n, (f) => f.helpers.arrayElement(['active', 'closed', 'pending']))],
    [
      'encounter kinds',
      sample(fakerEN_US, n, (f) => f.helpers.arrayElement(['checkup', 'emergency', 'follow-up'])),
    ],
    ['company names', sample(fakerEN_US, n, (f) => f.company.name())],
    ['product names', sample(fakerEN_US, n, (f) => f.commerce.productName())],
    ['French company names', sample(fakerFR, n, (f) => f.company.name())],
    ['Spanish company names', sample(fakerES, n, (f) => f.company.name())],
    ['Spanish job titles', sample(fakerES, n, (f) => f.person.jobTitle())],
    ['cities', sample(fakerEN_US, n, (f) => f.location.city())],
    ['UUIDs', sample(fakerEN_US, n, (f) => f.string.uuid())],
    ['bare 5-digit ZIP codes', sample(fakerEN_US, n, (f) => f.location.zipCode('#####'))],
    ['prose without PII', sample(fakerEN_US, n, (f) => f.lorem.paragraph())],
  ]
  it.each(harmless)('finds nothing in %s', (_, values) => {
    expect(detectByContent(values)).toBeNull()
  })

  it('finds phone numbers inside free text, and says how many', () => {
    fakerEN_US.seed(3)
    const values = Array.from({ length: 1000 }, (_, i) =>
      i % 25 === 0
        ? `Patient asked to be called back at ${fakerEN_US.phone.number()} after the results.`
        : fakerEN_US.lorem.sentence(8),
    )
    expect(detectByContent(values)).toEqual({
      kind: 'free-text',
      share: 0.04,
      confidence: 0.64,
      evidence: [
        '1000 of 1000 sampled values are free text',
        '40 of 1000 sampled values contain a phone number',
      ],
    })
  })

  it('counts emails, SSNs and card numbers inside free text', () => {
    const values = [
      'Wrote to ann@example.com about the invoice last week.',
      'Her SSN 123-45-6789 was given over the phone today.',
      'Paid with card 4111 1111 1111 1111 at the front desk.',
      'Nothing personal in this note at all, just a reminder.',
    ]
    expect(detectByContent(values)?.evidence).toEqual([
      '4 of 4 sampled values are free text',
      '1 of 4 sampled values contain an email address',
      '1 of 4 sampled values contain a US SSN',
      '1 of 4 sampled values contain a payment card number',
    ])
  })

  it('ignores blank values and needs some to decide', () => {
    expect(detectByContent([])).toBeNull()
    expect(detectByContent(['', '  '])).toBeNull()
    expect(detectByContent(['ann@example.com', '', ' bo@example.org '])?.evidence).toEqual([
      '2 of 2 sampled values are valid emails',
    ])
  })
})

describe('detectPii', () => {
  /** encounters references patients: a table written about people. */
  const encounters = { ...contextOf('encounters'), personal: true }
  const emails = sample(fakerEN_US, 100, (f) => f.internet.email())

  it('is most confident when name and content agree', () => {
    expect(detectPii({ name: 'email', type: 'text' }, 'users', emails)).toEqual({
      kind: 'email',
      confidence: 0.99,
      evidence: ['name "email" matches email', '100 of 100 sampled values are valid emails'],
    })
  })

  it('accepts bare 4–5 digit codes as postcodes when the name says so, even in an integer column', () => {
    const zips = sample(fakerDE, 100, (f) => f.location.zipCode())
    const found = detectPii({ name: 'plz', type: 'integer' }, 'kunden', zips)
    expect(found?.kind).toBe('postcode')
    expect(found?.confidence).toBeGreaterThanOrEqual(0.95)
    expect(found?.evidence).toContain('100 of 100 sampled values look like postcodes')
  })

  it('uses the name alone, at medium confidence, when nothing was sampled', () => {
    expect(detectPii({ name: 'phone', type: 'varchar' }, 'users', null)).toEqual({
      kind: 'phone',
      confidence: 0.8,
      evidence: ['name "phone" matches phone'],
    })
    expect(detectPii({ name: 'zip', type: 'integer' }, 'users', [])?.kind).toBe('postcode')
  })

  it('lowers a name the values contradict', () => {
    const hashes = sample(fakerEN_US, 100, (f) => f.string.hexadecimal({ length: 64, prefix: '' }))
    expect(detectPii({ name: 'email', type: 'text' }, 'users', hashes)).toEqual({
      kind: 'email',
      confidence: 0.51,
      evidence: ['name "email" matches email', '0 of 100 sampled values are valid emails'],
    })
  })

  it('lets strong content override a name that says something else', () => {
    const found = detectPii({ name: 'notes', type: 'text' }, 'encounters', emails, encounters)
    expect(found?.kind).toBe('email')
    expect(found?.evidence).toEqual([
      '100 of 100 sampled values are valid emails',
      'name "notes" matches free-text, but the values do not',
    ])
  })

  it('uses content alone when the name says nothing', () => {
    const phones = sample(fakerEN_US, 100, (f) => f.phone.number())
    expect(detectPii({ name: 'contact', type: 'varchar' }, 'orders', phones)).toEqual({
      kind: 'phone',
      confidence: 0.85,
      evidence: ['100 of 100 sampled values are phone numbers'],
    })
    expect(detectPii({ name: 'status', type: 'text' }, 'orders', ['open', 'closed'])).toBeNull()
    expect(detectPii({ name: 'name', type: 'text' }, 'departments', null)).toBeNull()
  })

  it('marks free text that carries phone numbers with high confidence', () => {
    const notes = sample(fakerEN_US, 200, (f) => `Call ${f.phone.number()} before ${f.lorem.words(6)}`)
    const found = detectPii({ name: 'notes', type: 'text' }, 'encounters', notes, encounters)
    expect(found?.kind).toBe('free-text')
    expect(found?.confidence).toBeGreaterThanOrEqual(0.95)
  })

  it('takes free text, pictures and files for personal only on a table about or written by people', () => {
    const blurbs = sample(fakerEN_US, 100, (f) => f.lorem.sentence(9))
    expect(detectPii({ name: 'description', type: 'text' }, 'films', blurbs)).toBeNull()
    expect(detectPii({ name: 'description', type: 'text' }, 'procedures', null)).toBeNull()
    expect(detectPii({ name: 'notes', type: 'text' }, 'encounters', blurbs, encounters)?.kind).toBe(
      'free-text',
    )
    expect(detectPii({ name: 'picture', type: 'binary' }, 'categories', null)).toBeNull()
    expect(detectPii({ name: 'picture', type: 'binary' }, 'staff', null)?.kind).toBe('image')
  })

  it('does not take short labels under a comment-like name for prose', () => {
    const labels = sample(fakerEN_US, 100, (f) => f.music.genre())
    expect(detectPii({ name: 'comment', type: 'text' }, 'artist_notes', labels, encounters)).toBeNull()
  })

  it('needs ten distinct values before content alone says names or postcodes', () => {
    const groups = ['North America', 'North America', 'Europe', 'Pacific', 'North America', 'Europe']
    expect(detectPii({ name: 'group', type: 'varchar' }, 'salesterritory', groups)).toBeNull()
    const ndc = sample(fakerEN_US, 100, (f) => `00${f.string.numeric(3)}-${f.string.numeric(4)}`)
    expect(detectPii({ name: 'ndc', type: 'varchar' }, 'medications', ndc)).toBeNull()
    const zips = sample(fakerEN_US, 100, (f) => f.location.zipCode('#####-####'))
    const nextToAddress = { ...contextOf('sites'), siblings: ['street', 'city'] }
    expect(detectPii({ name: 'code', type: 'varchar' }, 'sites', zips, nextToAddress)?.kind).toBe('postcode')
  })

  it('reads a people table’s context: unique ids, inet, profile links, glued key names', () => {
    const patients = { ...contextOf('patients'), uniqueAlone: true }
    expect(detectPii({ name: 'record_id', type: 'uuid' }, 'patients', null, patients)?.kind).toBe(
      'record-number',
    )
    expect(detectPii({ name: 'creation_address', type: 'inet' }, 'users', null)?.kind).toBe('ip-address')
    expect(detectPii({ name: 'website', type: 'varchar' }, 'editor', null)?.kind).toBe('username')
    expect(detectPii({ name: 'phonenumbertypeid', type: 'integer' }, 'personphone', null)).toBeNull()
    expect(detectPii({ name: 'creditcardid', type: 'integer' }, 'personcreditcard', null)).toBeNull()
  })

  it('checks NPIs with the Luhn digit over the 80840 prefix', () => {
    expect(npiValid('1234567893')).toBe(true)
    expect(npiValid('1234567890')).toBe(false)
    expect(npiValid('3234567893')).toBe(false)
    const npis = ['1234567893', '1245319599', '1003000126', '1598765430']
    expect(detectPii({ name: 'provider_ref', type: 'varchar' }, 'providers', npis)?.kind).toBe('national-id')
  })

  it('tells pictures and scans by their magic bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34])
    expect(sniffFile(png)).toBe('image')
    expect(sniffFile(pdf)).toBe('document')
    expect(sniffFile(new Uint8Array([1, 2, 3, 4]))).toBeNull()
    const scans = { ...contextOf('patient_documents'), personal: true, files: [png, pdf, pdf] }
    expect(detectPii({ name: 'scan', type: 'binary' }, 'patient_documents', null, scans)?.confidence).toBe(
      0.99,
    )
    const photos = { ...contextOf('staff'), files: [png, png, png] }
    expect(detectPii({ name: 'blob', type: 'binary' }, 'staff', null, photos)?.kind).toBe('image')
  })

  it('never puts a sampled value in its evidence', () => {
    const columns: [string, PortableType, string[]][] = [
      ['email', 'text', emails],
      ['phone', 'text', sample(fakerFR, 200, (f) => f.phone.number())],
      ['first_name', 'text', sample(fakerDE, 200, (f) => f.person.firstName())],
      ['address', 'text', sample(fakerNL, 200, (f) => f.location.streetAddress())],
      ['iban', 'text', sample(fakerEN_US, 200, (f) => f.finance.iban())],
      [
        'notes',
        'text',
        sample(fakerEN_US, 200, (f) => `Reach me at ${f.internet.email()} or ${f.phone.number()}`),
      ],
      ['contact', 'text', sample(fakerES, 200, (f) => f.person.fullName())],
    ]
    for (const [name, type, values] of columns) {
      const evidence = detectPii({ name, type }, 'people', values)?.evidence ?? []
      expect(evidence.length).toBeGreaterThan(0)
      // Values of three letters or fewer ("Ann") occur inside ordinary words by chance, not by leaking.
      for (const value of values.filter((v) => v.length > 3))
        for (const line of evidence) expect(line).not.toContain(value)
    }
  })
})
