import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { ddlFor } from '../../src/dialects/ddl-for.js'
import { OTHER_MARKER } from '../../src/model/other-value.js'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { createTestDatabase, testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** 30 countries with keys of their own (101, 104, …), 6 languages keyed by code: lookups others point at. */
const COUNTRIES = [
  'Argentina',
  'Australia',
  'Austria',
  'Belgium',
  'Brazil',
  'Canada',
  'Chile',
  'Czech Republic',
  'Denmark',
  'Finland',
  'France',
  'Germany',
  'Hungary',
  'India',
  'Ireland',
  'Italy',
  'Japan',
  'Mexico',
  'Netherlands',
  'Norway',
  'Poland',
  'Portugal',
  'Spain',
  'Sweden',
  'Switzerland',
  'Turkey',
  'United Kingdom',
  'USA',
  'Uruguay',
  'Vietnam',
]
const LANGUAGES: [string, string][] = [
  ['de', 'German'],
  ['en', 'English'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
]
const countryId = (i: number) => 101 + 3 * i

/**
 * 400 customers, chinook-like: a country column (text, as chinook's is) where five countries are common and the
 * other 25 rare, and 60 cities of which most are seen a few times: values a twin used to make up from prefixes.
 */
async function createShop(db: Database): Promise<void> {
  const ddl = ddlFor(db.db)
  await db.db.schema
    .createTable('countries')
    .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('languages')
    .addColumn('code', 'varchar(2)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(20)', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('country', 'varchar(40)', (c) => c.notNull())
    .addColumn('city', 'varchar(40)', (c) => c.notNull())
    .addColumn('country_id', 'integer', (c) => c.notNull().references('countries.id'))
    .addColumn('language_code', 'varchar(2)', (c) => c.references('languages.code'))
    .execute()
  await db.db
    .insertInto('countries')
    .values(COUNTRIES.map((name, i) => ({ id: countryId(i), name })))
    .execute()
  await db.db
    .insertInto('languages')
    .values(LANGUAGES.map(([code, name]) => ({ code, name })))
    .execute()
  const rows = Array.from({ length: 400 }, (_, i) => {
    // Countries 0–4 take 90 % of the rows; the other 25 a row or two each.
    const c = i % 10 === 9 ? 5 + (((i / 10) | 0) % 25) : i % 5
    return {
      id: i + 1,
      country: COUNTRIES[c]!,
      city: `${(i * 7) % 60 < 30 ? 'North' : 'South'} ${COUNTRIES[(i * 7) % 30]!}`,
      country_id: countryId(c),
      language_code: i % 7 === 0 ? null : LANGUAGES[i % LANGUAGES.length]![0],
    }
  })
  await db.db.insertInto('customers').values(rows).execute()
}

const sorted = async (db: Database, table: string, columns: string[]) =>
  (
    await sql<
      Record<string, unknown>
    >`select ${sql.join(columns.map((c) => sql.id(c)))} from ${sql.id(table)}`.execute(db.db)
  ).rows
    .map((r) => JSON.stringify(columns.map((c) => String(r[c]))))
    .sort()

const distinct = async (db: Database, column: string) =>
  new Set(
    (await sql<{ v: string }>`select distinct ${sql.id(column)} as v from customers`.execute(db.db)).rows.map(
      (r) => r.v,
    ),
  )

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`reference tables and categories on ${dialect.name}`, () => {
    let learned: LearnedSource
    let work: string

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createShop, 3)
      await generate(learned.model, learned.target, { seed: 3 })
      work = await mkdtemp(join(tmpdir(), 'dbtwin-reference-'))
    }, 300_000)
    afterAll(async () => {
      await learned?.drop()
      if (work !== undefined) await rm(work, { recursive: true, force: true })
    })

    it('keeps the lookups’ rows in the model, with why, and says so in the privacy statement', () => {
      const byName = (name: string) => learned.model.tables.find((t) => t.table.endsWith(`.${name}`))!
      expect(byName('countries').reference?.rows).toHaveLength(30)
      expect(byName('countries').reference?.reason).toMatch(
        /30 rows, referenced by .*customers, no personal data/,
      )
      expect(byName('languages').reference?.rows.map((r) => r[0])).toEqual(LANGUAGES.map(([code]) => code))
      expect(byName('customers').reference).toBeUndefined()
      expect(learned.model.privacy.verbatimTables?.map((t) => t.split('.').at(-1))).toEqual([
        'countries',
        'languages',
      ])
      // The rows survive the model file.
      const again = parseModelFile(formatModelFile(learned.model), 'model.yaml')
      expect(again.tables.find((t) => t.table.endsWith('.countries'))?.reference).toEqual(
        byName('countries').reference,
      )
    })

    it('writes each reference table equal to its source, keys included, and children point at its rows', async () => {
      for (const [table, columns] of [
        ['countries', ['id', 'name']],
        ['languages', ['code', 'name']],
      ] as const) {
        const real = await withDatabase(learned.source, (db) => sorted(db, table, [...columns]))
        const twin = await withDatabase(learned.target, (db) => sorted(db, table, [...columns]))
        expect(twin).toEqual(real)
      }
      const keys = await withDatabase(learned.target, async (db) => distinct(db, 'country_id'))
      const ids = new Set(COUNTRIES.map((_, i) => String(countryId(i))))
      expect([...keys].filter((k) => !ids.has(String(k)))).toEqual([])
    })

    it('moves the identity past the copied keys, so the twin takes a new country', async () => {
      await withDatabase(learned.target, async (db) => {
        await db.db.insertInto('countries').values({ name: 'Narnia' }).execute()
        const row = await sql<{ id: unknown }>`select id from countries where name = 'Narnia'`.execute(db.db)
        expect(Number(row.rows[0]?.id)).toBeGreaterThan(countryId(29))
      })
    })

    it('writes no country or city the source does not have: a rare one is the marked other value', async () => {
      for (const column of ['country', 'city']) {
        const real = await withDatabase(learned.source, (db) => distinct(db, column))
        const twin = await withDatabase(learned.target, (db) => distinct(db, column))
        expect(
          [...twin].filter((v) => !real.has(v) && v !== OTHER_MARKER),
          column,
        ).toEqual([])
      }
      const twinCountries = await withDatabase(learned.target, (db) => distinct(db, 'country'))
      // The five common countries are released and drawn; the rare ones are suppressed, so marked.
      expect([...twinCountries].sort()).toEqual([...COUNTRIES.slice(0, 5), OTHER_MARKER].sort())
    })

    it('lets a rules file synthesize a reference table, and keep one whole under --epsilon only when public', async () => {
      const rules = join(work, 'tables.yaml')
      await writeFile(
        rules,
        'tables:\n  - { table: languages, reference: synthesize }\n  - { table: countries, public: true }\n',
      )
      // A large budget: the decision reads noised row counts, and at epsilon 1 over 66 queries a count of 30 is
      // noised past 0 or 200 a few times in a hundred (MySQL's table names, and so the noise, differ per run).
      const model = await learn(learned.source, { seed: 3, rules, epsilon: 1000 })
      const reference = (name: string) => model.tables.find((t) => t.table.endsWith(`.${name}`))!.reference
      expect(reference('languages')).toBeUndefined()
      expect(reference('countries')?.rows).toHaveLength(30)
      const plain = await learn(learned.source, { seed: 3, epsilon: 1000 })
      expect(plain.tables.every((t) => t.reference === undefined)).toBe(true)
      expect(plain.privacy.verbatimTables).toBeUndefined()
    }, 180_000)

    it('keeps the reference tables whole in a subset', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        const result = await subset(learned.source, target.url, {
          roots: [parseRoot('customers where id <= 10', dialect.name)],
        })
        expect(result.rows[Object.keys(result.rows).find((t) => t.endsWith('.countries'))!]).toBe(30)
        expect(result.rows[Object.keys(result.rows).find((t) => t.endsWith('.languages'))!]).toBe(6)
        expect(result.rows[Object.keys(result.rows).find((t) => t.endsWith('.customers'))!]).toBe(10)
      } finally {
        await target.drop()
      }
    }, 180_000)
  })
}
