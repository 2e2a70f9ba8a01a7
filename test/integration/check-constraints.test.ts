import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { Model } from '../../src/model/model.js'
import type { DialectName, Schema } from '../../src/schema/schema.js'
import { parseChildren, parseRoot } from '../../src/subset/subset-options.js'
import { subset } from '../../src/subset/subset.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { createTestDatabase, testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const PACK = new URL('../../rules/pii-pack.yaml', import.meta.url).pathname

/**
 * Every CHECK form generation must keep: an IN list with a category under min-count (`X`, `held`), a range whose
 * top holds a third of the rows (`score < 100` at 99.9), a date ordering at the top of a bounded range, an SSN
 * pattern on a column the PII pack hashes, a 12-row table ordered `lo < hi` (too small to learn orderings from), a
 * 4-row table whose NOT NULL columns are too few to learn (`rating 1–5`, `quantity >= 1`, a 3-character code),
 * and on PostgreSQL a domain column (pagila's `year`, 1901–2155).
 */
async function createChecked(db: Database): Promise<void> {
  const postgres = db.dialect !== 'mysql'
  const run = (text: string) => sql.raw(text).execute(db.db)
  if (postgres) await run('create domain year as integer check (value >= 1901 and value <= 2155)')
  await run(`create table people (
    id integer primary key,
    gender varchar(1) not null check (gender in ('M', 'F', 'X')),
    status varchar(10) not null check (status in ('active', 'closed', 'held')),
    ssn varchar(11) not null check (ssn ${postgres ? '~' : 'regexp'} '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'),
    score numeric(4, 1) not null check (score > 0 and score < 100),
    startdate date not null,
    enddate date not null check (enddate <= '2024-12-31'),
    constraint people_dates check (startdate < enddate),
    constraint people_ssn unique (ssn))`)
  await run(`create table pairs (id integer primary key, lo integer not null, hi integer not null,
    constraint pairs_order check (lo < hi))`)
  await run(`create table tiny (
    id integer primary key,
    rating integer not null check (rating between 1 and 5),
    quantity integer not null check (quantity >= 1),
    code varchar(3) not null check (char_length(code) = 3)
    ${postgres ? ', made year not null' : ''})`)
  const day = (offset: number) => new Date(Date.UTC(2024, 11, 31 - offset)).toISOString().slice(0, 10)
  const people = Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    gender: i < 2 ? 'X' : i % 2 === 0 ? 'M' : 'F',
    status: i < 3 ? 'held' : i % 3 === 0 ? 'closed' : 'active',
    ssn: `${String(101 + i).padStart(3, '0')}-${String(10 + (i % 89)).padStart(2, '0')}-${1000 + i}`,
    score: i % 3 === 0 ? 99.9 : 50 + (i % 49),
    // Most end on the last day allowed, many start a day or two before.
    startdate: day((i % 2 === 0 ? 0 : i % 50) + 1 + (i % 4) + (i % 7 === 0 ? 0 : 60)),
    enddate: day(i % 2 === 0 ? 0 : i % 50),
  }))
  await db.db.insertInto('people').values(people).execute()
  await db.db
    .insertInto('pairs')
    .values(Array.from({ length: 12 }, (_, i) => ({ id: i + 1, lo: i * 10, hi: i * 10 + 1 })))
    .execute()
  await db.db
    .insertInto('tiny')
    .values(
      Array.from({ length: 4 }, (_, i) => ({
        id: i + 1,
        rating: 1 + i,
        quantity: 2 + i,
        code: `c${i}x`,
        ...(postgres ? { made: 1990 + i } : {}),
      })),
    )
    .execute()
}

/** Rows of the target that break a CHECK of the source schema, counted by the target engine itself. */
async function violations(url: string, schema: Schema): Promise<Record<string, number>> {
  return withDatabase(url, async (db) => {
    const found: Record<string, number> = {}
    for (const table of schema.tables) {
      const conditions = [
        ...table.checks.map((c) => [c.name, c.expression] as const),
        ...table.columns.flatMap((column) =>
          (column.domainChecks ?? []).map(
            (c) => [`${column.name}:${c.name}`, c.expression.replaceAll('VALUE', column.name)] as const,
          ),
        ),
      ]
      for (const [name, expression] of conditions) {
        const { rows } = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table.name)}
          where not (${sql.raw(expression)})`.execute(db.db)
        found[`${table.name}.${name}`] = Number(rows[0]?.n)
      }
    }
    return found
  })
}

const rowCount = (url: string, table: string) =>
  withDatabase(url, async (db) =>
    Number(
      (await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)}`.execute(db.db)).rows[0]?.n,
    ),
  )

const noneOf = (found: Record<string, number>) => Object.fromEntries(Object.keys(found).map((k) => [k, 0]))

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`CHECK constraints on ${dialect.name}`, () => {
    let learned: LearnedSource
    let withRules: Model

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createChecked, 5)
      const { learn } = await import('../../src/learn/learn.js')
      withRules = await learn(learned.source, { rules: PACK, seed: 5 })
    }, 60_000)
    afterAll(() => learned?.drop())

    it('counts every CHECK form in the source (each table and the domain)', async () => {
      const expected = dialect.name === 'mysql' ? 10 : 11
      const checks = learned.model.schema.tables.reduce(
        (n, t) => n + t.checks.length + t.columns.reduce((m, c) => m + (c.domainChecks?.length ?? 0), 0),
        0,
      )
      expect(checks).toBe(expected)
      expect(await violations(learned.source, learned.model.schema)).toEqual(
        noneOf(await violations(learned.source, learned.model.schema)),
      )
    })

    it('generates rows that break none of them, at scale 1 and 3', async () => {
      for (const scale of [1, 3]) {
        const target = await createTestDatabase(dialect.name)
        try {
          await generate(learned.model, target.url, { seed: scale, scale })
          const found = await violations(target.url, learned.model.schema)
          expect({ scale, found }).toEqual({ scale, found: noneOf(found) })
          // Rows are kept, not dropped to dodge a CHECK.
          expect(await rowCount(target.url, 'people')).toBe(200 * scale)
          expect(await rowCount(target.url, 'tiny')).toBeGreaterThan(0)
        } finally {
          await target.drop()
        }
      }
    })

    it('generates with the PII pack: hashed SSNs keep the pattern', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(withRules, target.url, { seed: 2, rules: PACK })
        const found = await violations(target.url, withRules.schema)
        expect(found).toEqual(noneOf(found))
        const ssns = await withDatabase(target.url, async (db) =>
          (await sql<{ ssn: string }>`select ssn from people`.execute(db.db)).rows.map((r) => r.ssn),
        )
        expect(ssns.filter((s) => !/^\d{3}-\d{2}-\d{4}$/.test(s))).toEqual([])
        expect(new Set(ssns).size).toBe(ssns.length)
      } finally {
        await target.drop()
      }
    })

    it('subsets with the PII pack: rewritten SSNs keep the pattern', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await subset(learned.source, target.url, {
          rules: PACK,
          roots: [parseRoot('people where id <= 50', dialect.name as DialectName)],
          children: parseChildren(['all']),
        })
        const found = await violations(target.url, learned.model.schema)
        expect(found).toEqual(noneOf(found))
        expect(await rowCount(target.url, 'people')).toBe(50)
      } finally {
        await target.drop()
      }
    })
  })
}
