import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { readChildParentPairs, readSample } from '../../src/dialects/queries/source-queries.js'
import type { ForeignKey } from '../../src/schema/schema.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * A sampled read must spread over the whole table. The seeded sample aims a little over its target and was cut to
 * it by LIMIT after ORDER BY the key, which dropped the highest keys: on pagila, whose rental ids follow their
 * dates, the report saw no late rentals and scored rental_date 0.83 where the whole table scores 0.99 (issue 19,
 * bench/sdmetrics-check.py). Here a value equals its key, so a cut tail shows as a missing top and a low mean.
 */
const ROWS = 1000
const LIMIT = 200

describe.each(testDialects())('sampled reads on $name', ({ name, available }) => {
  let database: TestDatabase | undefined
  afterEach(async () => database?.drop())

  it.skipIf(!available)('keep the target count, spread over every key', async () => {
    database = await createTestDatabase(name)
    const { sample, pairs } = await withDatabase(database.url, async (db) => {
      await sql.raw('create table parent (id integer primary key, v integer)').execute(db.db)
      await sql
        .raw('create table child (id integer primary key, parent_id integer, v integer)')
        .execute(db.db)
      const values = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${i + 1})`).join(', ')
      await sql.raw(`insert into parent values ${values}`).execute(db.db)
      const children = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${i + 1}, ${i + 1})`).join(', ')
      await sql.raw(`insert into child values ${children}`).execute(db.db)
      const schema = await db.introspect()
      const table = (tableName: string) => schema.tables.find((t) => t.name === tableName)!
      const column = (tableName: string) => table(tableName).columns.find((c) => c.name === 'v')!
      const spec = { tableRows: ROWS, limit: LIMIT, seed: 1 }
      const fk: ForeignKey = {
        name: 'child_parent_fk',
        columns: ['parent_id'],
        references: { schema: table('parent').schema, name: 'parent', columns: ['id'] },
        onDelete: 'no action',
        onUpdate: 'no action',
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
      }
      return {
        sample: await readSample(db, table('parent'), [column('parent')], ['id'], spec),
        pairs: await readChildParentPairs(
          db,
          table('child'),
          fk,
          [column('parent')],
          [column('child')],
          ['id'],
          spec,
        ),
      }
    })
    for (const rows of [sample.map((r) => Number(r['c0'])), pairs.map((r) => Number(r['p0']))]) {
      expect(rows.length).toBeLessThanOrEqual(LIMIT)
      expect(rows.length).toBeGreaterThan(LIMIT * 0.9)
      // Cut by key, the top sixth (the sample's surplus) was missing: a maximum near 830 and a mean near 415.
      expect(Math.max(...rows)).toBeGreaterThan(950)
      const mean = rows.reduce((a, b) => a + b, 0) / rows.length
      expect(mean).toBeGreaterThan(440)
      expect(mean).toBeLessThan(560)
    }
  })
  it.skipIf(!available)(
    'read by pages where asked: whole pages on PostgreSQL and PGlite, spread over the table everywhere',
    async () => {
      // 60,000 rows sampled to 20,000 (a fraction of 0.4): large enough for pages (see pageSampling).
      const rows = 60_000
      const limit = 20_000
      database = await createTestDatabase(name)
      const sample = await withDatabase(database.url, async (db) => {
        await sql.raw('create table wide (id integer primary key, v integer)').execute(db.db)
        for (let start = 0; start < rows; start += 5000) {
          const values = Array.from({ length: 5000 }, (_, i) => `(${start + i + 1}, ${start + i + 1})`)
          await sql.raw(`insert into wide values ${values.join(', ')}`).execute(db.db)
        }
        const schema = await db.introspect()
        const table = schema.tables.find((t) => t.name === 'wide')!
        const column = table.columns.find((c) => c.name === 'v')!
        const spec = { tableRows: rows, limit, seed: 1, pages: true }
        const read = async () =>
          (await readSample(db, table, [column], ['id'], spec)).map((r) => Number(r['c0']))
        const [first, again] = [await read(), await read()]
        expect(again).toEqual(first)
        return first
      })
      expect(sample.length).toBeLessThanOrEqual(limit)
      expect(sample.length).toBeGreaterThan(limit * 0.8)
      expect(Math.max(...sample)).toBeGreaterThan(rows * 0.95)
      expect(Math.min(...sample)).toBeLessThan(rows * 0.05)
      // Rows of one page come together: most sampled keys follow the one before. Kept one by one (BERNOULLI, or
      // MySQL's hash of the key), about half of them do.
      const next = sample.filter((v, i) => i > 0 && v === sample[i - 1]! + 1).length / sample.length
      if (name === 'mysql') expect(next).toBeLessThan(0.6)
      else expect(next).toBeGreaterThan(0.7)
    },
  )
})
