import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { fileContent, fileTypeOf, pngChunks } from '../../src/model/binary-content.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import { asciiName, fakePerson, localeForCountry } from '../../src/rules/fake-person.js'
import {
  emailDomainOf,
  personFieldOf,
  personSource,
  planPerson,
  withDomain,
} from '../../src/rules/person-columns.js'
import { parseRuleFile, type Rule } from '../../src/rules/rule-file.js'
import type { Table } from '../../src/schema/schema.js'

const rules = parseRuleFile(
  `rules:
  - { column: t.first_name, faker: person.firstName }
  - { column: t.last_name, faker: person.lastName }
  - { column: t.email, template: '{{person.firstName}}.{{person.lastName}}@example.org' }
  - { column: t.login, faker: internet.username, person: false }
  - { column: t.state, faker: location.state, locale: de }
  - { column: t.note, faker: lorem.sentence }
`,
  'people.yaml',
)
const byColumn = new Map(rules.map((r) => [r.column!.split('.')[1]!, r]))
const column = (name: string) => ({ name }) as Table['columns'][number]
const table = {
  schema: 'public',
  name: 't',
  columns: ['id', 'first_name', 'last_name', 'email', 'login', 'state', 'note', 'country'].map(column),
  primaryKey: { columns: ['id'] },
  uniques: [],
  foreignKeys: [],
} as unknown as Table

describe('the fake person', () => {
  it('makes the email and username from the name, and the zip from the state', () => {
    for (let i = 0; i < 200; i++) {
      const p = fakePerson([i, 7, 7, 7], 'en_US')
      expect(p.email.split('@')[0]).toBe(`${asciiName(p.firstName)}.${asciiName(p.lastName)}`)
      expect(p.email).toMatch(/@example\.(com|org|net)$/)
      expect(p.username).toContain(asciiName(p.lastName))
      expect(p.fullName).toBe(`${p.firstName} ${p.lastName}`)
      expect(p.country).toBe('United States')
    }
  })

  it('is the same for the same seed, and keeps its name when only the address locale changes', () => {
    const us = fakePerson([1, 2, 3, 4], 'en_US')
    expect(fakePerson([1, 2, 3, 4], 'en_US')).toEqual(us)
    const de = fakePerson([1, 2, 3, 4], 'en_US', 'de')
    expect(de.email).toBe(us.email)
    expect(de.country).toBe('Germany')
    expect(de.zip).toMatch(/^\d{5}$/)
  })

  it('folds accents out of names and finds locales by country name or code', () => {
    expect(asciiName('José María Núñez-Öz')).toBe('josemarianunezoz')
    expect(localeForCountry('Germany')).toBe('de')
    expect(localeForCountry(' united states ')).toBe('en_US')
    expect(localeForCountry('FR')).toBe('fr')
    expect(localeForCountry('Atlantis')).toBeNull()
  })
})

describe('person columns', () => {
  it('knows which actions fake a person field', () => {
    const field = (r: Rule | undefined) => (r === undefined ? null : personFieldOf(r.action))
    expect(field(byColumn.get('email'))).toBe('email')
    expect(field(byColumn.get('first_name'))).toBe('firstName')
    expect(field(byColumn.get('note'))).toBeNull()
  })

  it('refuses a person: that is not true or false, at its place in the file', () => {
    expect(() =>
      parseRuleFile('rules:\n  - { column: email, faker: internet.email, person: maybe }\n', 'r.yaml'),
    ).toThrow(/r\.yaml:2:\d+: `person:` is true .* or false/)
  })

  it('keeps the domain an email template writes literally', () => {
    expect(emailDomainOf(byColumn.get('email')!.action)).toBe('example.org')
    expect(emailDomainOf(byColumn.get('first_name')!.action)).toBeNull()
    expect(withDomain('ana.lopez@example.com', 'corp.example')).toBe('ana.lopez@corp.example')
  })

  it('groups a table, leaving out rules with person: false, and keys rows on the email first', () => {
    const plan = planPerson(
      table,
      (c) => byColumn.get(c),
      () => false,
    )!
    expect([...plan.fields]).toEqual([
      ['first_name', 'firstName'],
      ['last_name', 'lastName'],
      ['email', 'email'],
      ['state', 'state'],
    ])
    expect(plan.locale).toBe('en_US')
    expect(plan.addressLocale).toBe('de')
    expect(plan.countryColumn).toBe('country')
    const row: Record<string, string | null> = { first_name: 'Ana', last_name: 'López', email: ' Ana@X.org' }
    expect(plan.keyOf((c) => row[c] ?? null)).toBe('email:ana@x.org')
    row['email'] = null
    expect(plan.keyOf((c) => row[c] ?? null)).toBe('name:ana lópez')
  })

  it('leaves linked columns to their own rule, except an email', () => {
    const plan = planPerson(
      table,
      (c) => byColumn.get(c),
      (c) => c !== 'id',
    )!
    expect([...plan.fields.keys()]).toEqual(['email'])
  })

  it('gives one person per key and secret', () => {
    const a = personSource('s1')
    const b = personSource('s2')
    expect(a('email:x@y.z', 'en_US', 'en_US')).toEqual(personSource('s1')('email:x@y.z', 'en_US', 'en_US'))
    expect(a('email:x@y.z', 'en_US', 'en_US').email).not.toBe(b('email:x@y.z', 'en_US', 'en_US').email)
  })
})

describe('file content', () => {
  it('writes a PNG of the size asked, with valid chunks and an image that inflates', () => {
    for (const size of [100, 4096, 70_000]) {
      const png = fileContent('image/png', size, seededRandom(size))
      expect(png.length).toBe(size)
      expect(pngChunks(png)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND'])
      const buffer = Buffer.from(png)
      // IDAT right after the 8-byte signature and the 25-byte IHDR chunk: one filter byte and one pixel.
      const idat = buffer.subarray(33 + 8, 33 + 8 + buffer.readUInt32BE(33))
      expect(inflateSync(idat).length).toBe(2)
    }
    expect(pngChunks(fileContent('image/png', 10, seededRandom(1)))).toEqual(['IHDR', 'IDAT', 'IEND'])
  })

  it('writes a JPEG framed by SOI and EOI, with its padding in comment segments', () => {
    const jpeg = Buffer.from(fileContent('image/jpeg', 150_000, seededRandom(2)))
    expect(jpeg.length).toBe(150_000)
    expect(fileTypeOf(jpeg)).toBe('image/jpeg')
    expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9')
    // Walk the segments up to the scan: every length must land on the next marker.
    let at = 2
    const markers: number[] = []
    while (jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
      markers.push(jpeg[at + 1]!)
      at += 2 + jpeg.readUInt16BE(at + 2)
    }
    expect(jpeg[at + 1]).toBe(0xda)
    expect(markers[0]).toBe(0xe0)
    expect(markers).toContain(0xfe)
    expect(markers).toContain(0xc0)
  })

  it('writes a PDF whose xref offsets point at its objects', () => {
    const pdf = Buffer.from(fileContent('application/pdf', 5000, seededRandom(3))).toString('latin1')
    expect(pdf.length).toBe(5000)
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true)
    expect(pdf.endsWith('%%EOF')).toBe(true)
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1])
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref')
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true))
  })

  it('writes random bytes of the size for a type it does not know', () => {
    const bytes = fileContent(null, 64, seededRandom(4))
    expect(bytes.length).toBe(64)
    expect(fileTypeOf(bytes)).toBeNull()
  })
})
