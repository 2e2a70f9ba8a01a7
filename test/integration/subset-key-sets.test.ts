import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { orphanCounts, withDatabase } from '../support/twin-checks.js'

const PARENTS = 12_000

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`subset key sets on ${dialect.name}`, () => {
    let source: TestDatabase

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, (db) => createShelves(db))
    }, 120_000)
    afterAll(async () => {
      await source?.drop()
    })

    // Issue 21: keys went to the source as IN lists of 5,000 parameters, one query (and, without an index on the
    // foreign key, one scan of the child) per batch. 6,000 text keys with a collation and a composite child key.
    it('sends 6,000 root keys as one set: one query per foreign key, every row and only those copied', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        const result = await subset(source.url, target.url, {
          roots: [parseRoot('shelves where n % 2 = 0')],
        })
        // The root query, then one query for the items of all 6,000 shelves (their parents are known already).
        expect(result.plan.queries).toBe(2)
        expect(Object.entries(result.rows).find(([table]) => table.endsWith('.shelves'))?.[1]).toBe(6_000)
        await withDatabase(target.url, async (twin) => {
          const schema = await twin.introspect()
          expect(Object.values(await orphanCounts(twin, schema)).every((n) => n === 0)).toBe(true)
          const items = (
            await sql<{ code: string; line: unknown }>`select shelf_code as code, line from ${sql.id(
              schema.tables[0]!.schema,
              'items',
            )}`.execute(twin.db)
          ).rows
          expect(items).toHaveLength(12_000)
          // Exactly the items of even shelves: both lines of each, nothing else.
          const expected = new Set(
            Array.from({ length: PARENTS / 2 }, (_, i) => [1, 2].map((l) => `s${(i + 1) * 2}|${l}`)).flat(),
          )
          expect(new Set(items.map((r) => `${r.code}|${Number(r.line)}`))).toEqual(expected)
        })
      } finally {
        await target.drop()
      }
    }, 180_000)
  })
}

/**
 * Shelves keyed by text (`s1` … `s12000`, under the database's collation on MySQL), each with two items keyed by
 * (shelf_code, line): the items' foreign key is part of their composite key.
 */
async function createShelves(database: Database): Promise<void> {
  const db = database.db
  const mysql = database.dialect === 'mysql'
  await sql`create table shelves (code varchar(20) primary key, n int not null)`.execute(db)
  await sql`create table items (shelf_code varchar(20) not null references shelves (code), line int not null,
    weight numeric(8, 2) not null, primary key (shelf_code, line))`.execute(db)
  // MySQL's recursive CTEs stop at 1,000 rows by default: 1 … 12,000 from five places of digits instead.
  const digits = sql.raw(Array.from({ length: 10 }, (_, d) => `select ${d} as d`).join(' union all '))
  const numbers = mysql
    ? sql`select * from (select 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d as n
        from (${digits}) a, (${digits}) b, (${digits}) c, (${digits}) e, (${digits}) f) as g
        where n <= ${sql.lit(PARENTS)}`
    : sql`select n from generate_series(1, ${sql.lit(PARENTS)}) as g (n)`
  const code = mysql ? sql`concat('s', n)` : sql`'s' || n`
  await sql`insert into shelves (code, n) select ${code}, n from (${numbers}) as s`.execute(db)
  for (const line of [1, 2])
    await sql`insert into items (shelf_code, line, weight) select ${code}, ${sql.lit(line)}, n / 10.0 from (${numbers}) as s`.execute(
      db,
    )
}
