import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { fakerEN_US } from '@faker-js/faker'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import { asciiName } from '../../src/rules/fake-person.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * Issue 17.8 and 17.9: a people table whose ruled name, email, username, address and phone columns must describe
 * one fake person per row, the same real email giving the same fake email in another table, and photo and scan
 * columns that must stay a valid PNG and PDF.
 */
const PACK = new URL('../../rules/pii-pack.yaml', import.meta.url).pathname
const RULES = `include: ${JSON.stringify(PACK)}
rules:
  - { column: people.first_name, faker: person.firstName }
  - { column: people.last_name, faker: person.lastName }
  - { column: people.email, faker: internet.email }
  - { column: people.username, faker: internet.username }
  - { column: people.city, faker: location.city }
  - { column: people.state, faker: location.state }
  - { column: people.zip, faker: location.zipCode }
  - { column: people.phone, faker: phone.number }
  - { column: subscriptions.email, faker: internet.email }
  - { column: people.photo, hash: true }
  - { column: people.id_scan, hash: true }
`

const FIRST = ['Mary', 'José', 'Linda', 'Ahmed', 'Chloé', 'Ivan', 'Grace', 'Tom']
const LAST = ['Smith', 'Núñez', 'Okafor', 'Larsen', 'Dubois', 'Kim', 'Weber']
const COUNTRIES = ['United States', 'United States', 'Germany']
const ROWS = 60

/** A real 2×2 PNG, made independently of dbtwin's own writer, padded with a text chunk. */
function sourcePng(i: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    data.copy(out, 8)
    return out // The CRC is left 0: the source needs only its magic bytes and size.
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0])),
    chunk('IDAT', deflateSync(Buffer.from([0, i % 256, 1, 0, 2, 3]))),
    chunk('tEXt', Buffer.from(`Comment\0${'x'.repeat(200 + i * 7)}`)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const sourcePdf = (i: number) =>
  Buffer.from(`%PDF-1.4\n% scan ${i} ${'y'.repeat(300 + i)}\ntrailer\n<< >>\n%%EOF\n`, 'latin1')

async function fill(db: Database): Promise<void> {
  const blob = db.dialect === 'mysql' ? 'longblob' : 'bytea'
  await sql
    .raw(
      `create table people (id integer primary key, first_name varchar(60) not null, last_name varchar(60) not null,
        email varchar(120) unique, username varchar(80), city varchar(80), state varchar(80), zip varchar(12),
        phone varchar(40), country varchar(60), photo ${blob}, id_scan ${blob})`,
    )
    .execute(db.db)
  await sql
    .raw(
      `create table subscriptions (id integer primary key, person_id integer not null references people (id),
        email varchar(120) not null)`,
    )
    .execute(db.db)
  // Leaflets: PDFs in a table about no one, learned (not ruled) — 3 sizes, each seen 10 times.
  await sql
    .raw(`create table leaflets (id integer primary key, title varchar(40) not null, body ${blob})`)
    .execute(db.db)
  await db.db
    .insertInto('leaflets')
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        id: i + 1,
        title: `leaflet ${i % 3}`,
        body: sourcePdf(i % 3),
      })),
    )
    .execute()
  const people = Array.from({ length: ROWS }, (_, i) => {
    const first = FIRST[i % FIRST.length]!
    const last = LAST[(i * 3) % LAST.length]!
    return {
      id: i + 1,
      first_name: first,
      last_name: last,
      email: `${asciiName(first)}.${asciiName(last)}${i}@mail.test`,
      username: `${asciiName(first)}${i}`,
      city: 'Springfield',
      state: 'Illinois',
      zip: '62701',
      phone: `217-555-${String(1000 + i)}`,
      country: COUNTRIES[i % COUNTRIES.length]!,
      photo: sourcePng(i),
      id_scan: sourcePdf(i),
    }
  })
  await db.db.insertInto('people').values(people).execute()
  await db.db
    .insertInto('subscriptions')
    .values(people.map((p) => ({ id: p.id, person_id: p.id, email: p.email })))
    .execute()
}

type Row = Record<string, unknown>
const bytes = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v) : null)

/** The chunk types of a PNG, read independently of dbtwin: signature, then length-type-data-CRC frames. */
function chunkTypes(value: unknown): string[] {
  const b = bytes(value)
  if (b === null || b.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') return []
  const types: string[] = []
  for (let at = 8; at + 12 <= b.length; at += 12 + b.readUInt32BE(at))
    types.push(b.toString('latin1', at + 4, at + 8))
  return types
}

/** The email's local part (before a numbered suffix) is the row's own first and last name. */
const emailFromNames = (r: Row) =>
  String(r['email']).split('@')[0]!.replace(/-\d+$/, '') ===
  `${asciiName(String(r['first_name']))}.${asciiName(String(r['last_name']))}`

/** A US zip inside a range faker's en_US data gives the row's state: city, state and zip are one address. */
function zipFitsState(r: Row): boolean {
  const location = fakerEN_US.definitions.location
  const code = location.state_abbr![location.state!.indexOf(String(r['state']))] ?? ''
  const patterns = [location.postcode_by_state?.[code] ?? []].flat()
  const zip = Number(String(r['zip']).slice(0, 5))
  return patterns.some((p) => {
    const range = /"min": (\d+),\s*"max": (\d+)/.exec(p)
    return range !== null && zip >= Number(range[1]) && zip <= Number(range[2])
  })
}

function expectPeople(people: Row[]): void {
  expect(people.length).toBeGreaterThan(0)
  expect(
    people.filter((r) => !emailFromNames(r)).map((r) => `${r['first_name']} ${r['last_name']} ${r['email']}`),
  ).toEqual([])
  const us = people.filter((r) => r['country'] === 'United States')
  expect(us.length).toBeGreaterThan(0)
  expect(us.filter((r) => !zipFitsState(r)).map((r) => `${r['state']} ${r['zip']}`)).toEqual([])
  // Phones in the row's country's format: North American for the US rows, not for the German ones.
  expect(us.every((r) => /^\(\d{3}\) \d{3}-\d{4}$/.test(String(r['phone'])))).toBe(true)
  const germans = people.filter((r) => r['country'] === 'Germany')
  expect(germans.length).toBeGreaterThan(0)
  expect(germans.some((r) => /^\(\d{3}\) \d{3}-\d{4}$/.test(String(r['phone'])))).toBe(false)
  expect(germans.every((r) => /^\d{5}$/.test(String(r['zip'])))).toBe(true)
  for (const r of people.filter((r) => r['photo'] !== null)) {
    const types = chunkTypes(r['photo'])
    expect(types[0]).toBe('IHDR')
    expect(types.at(-1)).toBe('IEND')
  }
  for (const r of people.filter((r) => r['id_scan'] !== null)) {
    const text = bytes(r['id_scan'])!.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true)
  }
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`consistent fake people on ${dialect.name}`, () => {
    let source: TestDatabase
    let rules: string
    const readPeople = (url: string) =>
      withDatabase(url, async (db) => ({
        people: (await sql<Row>`select * from people order by id`.execute(db.db)).rows,
        subscriptions: (await sql<Row>`select * from subscriptions order by id`.execute(db.db)).rows,
      }))

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, fill)
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-people-'))
      rules = join(dir, 'people.yaml')
      await writeFile(rules, RULES)
    }, 180_000)
    afterAll(() => source?.drop())

    it('subset: one fake person per row, the same fake email in every table, valid photos and scans', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await subset(source.url, target.url, { roots: [parseRoot('people')], rules, seed: 1 }, () => {})
        const { people, subscriptions } = await readPeople(target.url)
        expect(people).toHaveLength(ROWS)
        expectPeople(people)
        // The real values are gone.
        expect(people.some((r) => String(r['email']).endsWith('@mail.test'))).toBe(false)
        expect(people.some((r) => r['city'] === 'Springfield')).toBe(false)
        // The copy of each email in subscriptions became the same fake email as in people.
        const emailOf = new Map(people.map((r) => [Number(r['id']), r['email']]))
        expect(subscriptions.filter((s) => s['email'] !== emailOf.get(Number(s['person_id'])))).toEqual([])
        // The photo kept its size; the scan too.
        const real = (await readPeople(source.url)).people
        people.forEach((r, i) => {
          expect(bytes(r['photo'])!.length).toBe(bytes(real[i]!['photo'])!.length)
          expect(bytes(r['id_scan'])!.length).toBe(bytes(real[i]!['id_scan'])!.length)
        })
      } finally {
        await target.drop()
      }
    }, 120_000)

    it('subset with `person: false` leaves an email independent of the name', async () => {
      const target = await createTestDatabase(dialect.name)
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-people-'))
      const optOut = join(dir, 'opt-out.yaml')
      await writeFile(
        optOut,
        RULES.replace(
          '{ column: people.email, faker: internet.email }',
          '{ column: people.email, faker: internet.email, person: false }',
        ),
      )
      try {
        await subset(
          source.url,
          target.url,
          { roots: [parseRoot('people')], rules: optOut, seed: 1 },
          () => {},
        )
        const { people } = await readPeople(target.url)
        expect(people.filter(emailFromNames).length).toBeLessThan(people.length / 2)
      } finally {
        await target.drop()
      }
    }, 120_000)

    it('generate: one fake person per row, photos and scans of the learned types', async () => {
      const model = await learn(source.url, { rules, seed: 2 })
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(model, target.url, { rules, seed: 2 })
        const { people } = await readPeople(target.url)
        expectPeople(people)
        expect(people.some((r) => r['photo'] !== null)).toBe(true)
        // Learned, not ruled: the model holds the type and sizes, never a byte of the files.
        const body = model.tables
          .find((t) => t.table.endsWith('leaflets'))!
          .columns.find((c) => c.name === 'body')!
        expect(body).toMatchObject({
          kind: 'shaped',
          format: 'binary',
          types: [{ type: 'application/pdf', frequency: 1 }],
        })
        const sizes = [0, 1, 2].map((i) => sourcePdf(i).length)
        expect((body as { lengths: { length: number }[] }).lengths.map((l) => l.length).sort()).toEqual(sizes)
        const leaflets = await withDatabase(
          target.url,
          async (db) => (await sql<Row>`select body from leaflets`.execute(db.db)).rows,
        )
        expect(leaflets.length).toBeGreaterThan(0)
        for (const r of leaflets) {
          const text = bytes(r['body'])!.toString('latin1')
          expect(text.startsWith('%PDF-')).toBe(true)
          expect(text.endsWith('%%EOF')).toBe(true)
          expect(sizes).toContain(text.length)
        }
      } finally {
        await target.drop()
      }
    }, 120_000)
  })
}
