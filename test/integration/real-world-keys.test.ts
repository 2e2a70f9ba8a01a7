import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { duplicateKeys, orphanCounts, withDatabase } from '../support/twin-checks.js'

const STAFF = 300
const DAY = 86_400_000
const START = Date.UTC(2024, 0, 1)
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

/**
 * Keys as public sample databases have them: a cycle of NOT NULL foreign keys (stores ↔ staff, one manager per
 * store), a one-to-one under the smaller of its two parents (a lead per store), a composite primary key of a time
 * and a number (a partitioned table's), a unique key of a time and a foreign key, a unique number drawn from a
 * narrow range, a two-row table hanging off 300 parents, and 45 rows hanging off a three-row lookup (fewer parents
 * than minCount, so no histogram of theirs is released).
 */
async function createShop(db: Database): Promise<void> {
  const s = db.db.schema
  await s
    .createTable('stores')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('manager_id', 'integer', (c) => c.notNull().unique())
    .execute()
  await s
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id'))
    .addColumn('badge', 'integer', (c) => c.notNull().unique())
    .execute()
  await s
    .createTable('payments')
    .addColumn('paid_at', 'timestamp', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payments_pkey', ['paid_at', 'id'])
    .execute()
  await s
    .createTable('shifts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addUniqueConstraint('shifts_staff_day_key', ['starts_on', 'staff_id'])
    .execute()
  await s
    .createTable('awards')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .execute()
  await db.db
    .insertInto('stores')
    .values([1, 2, 3, 4, 5, 6].map((id) => ({ id, manager_id: id })))
    .execute()
  await db.db
    .insertInto('staff')
    .values(Array.from({ length: STAFF }, (_, i) => ({ id: i + 1, store_id: 1 + (i % 6), badge: 1000 + i })))
    .execute()
  await sql`alter table stores add constraint stores_manager_fk foreign key (manager_id) references staff (id)`.execute(
    db.db,
  )
  await db.db
    .insertInto('payments')
    .values(
      Array.from({ length: 1200 }, (_, i) => ({
        paid_at: stamp(START + ((i * 7919) % 180) * DAY + (i % 600) * 60_000),
        id: i + 1,
        staff_id: 1 + (i % STAFF),
        amount: 5 + ((i * 31) % 40),
      })),
    )
    .execute()
  // Four shifts per person on four different days in one week: many rows share a day, none within a person.
  await db.db
    .insertInto('shifts')
    .values(
      Array.from({ length: STAFF * 4 }, (_, i) => ({
        id: i + 1,
        staff_id: 1 + Math.floor(i / 4),
        starts_on: stamp(START + ((i % 4) + (Math.floor(i / 4) % 3)) * DAY).slice(0, 10),
      })),
    )
    .execute()
  await s
    .createTable('store_leads')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('store_id', 'integer', (c) => c.notNull().unique().references('stores.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .execute()
  await s
    .createTable('grades')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .execute()
  await s
    .createTable('reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id'))
    .execute()
  await db.db
    .insertInto('store_leads')
    .values([1, 2, 3, 4, 5, 6].map((id) => ({ id, store_id: id, staff_id: id * 40 })))
    .execute()
  await db.db
    .insertInto('grades')
    .values([1, 2, 3].map((id) => ({ id })))
    .execute()
  await db.db
    .insertInto('reviews')
    .values(Array.from({ length: 45 }, (_, i) => ({ id: i + 1, grade_id: 1 + (i % 3) })))
    .execute()
  await db.db
    .insertInto('awards')
    .values([
      { id: 1, staff_id: 7 },
      { id: 2, staff_id: 99 },
    ])
    .execute()
}

const count = async (db: Database, table: string, what = sql`count(*)`) =>
  Number((await sql<{ n: unknown }>`select ${what} as n from ${sql.table(table)}`.execute(db.db)).rows[0]?.n)

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`keys of real-world schemas on ${dialect.name}`, () => {
    let learned: LearnedSource

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createShop, 11)
      await generate(learned.model, learned.target, { seed: 11 })
    }, 90_000)
    afterAll(() => learned?.drop())

    it('writes a NOT NULL cycle and every key holds: no orphan, no duplicate, foreign keys added', async () => {
      await withDatabase(learned.target, async (db) => {
        const schema = await db.introspect()
        expect(schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(8)
        expect(Object.values(await orphanCounts(db, schema)).every((n) => n === 0)).toBe(true)
        for (const table of schema.tables)
          expect(Object.values(await duplicateKeys(db, table)).every((n) => n === 0)).toBe(true)
        expect(await count(db, 'stores')).toBeGreaterThan(0)
        expect(await count(db, 'staff')).toBeGreaterThan(100)
      })
    })

    it('draws the time of a composite primary key from the source, not from row numbers', async () => {
      const span = async (db: Database) => ({
        rows: await count(db, 'payments'),
        first: String(await firstPaid(db)).slice(0, 7),
      })
      const firstPaid = async (db: Database) =>
        (await sql<{ t: unknown }>`select min(paid_at) as t from payments`.execute(db.db)).rows[0]?.t
      const real = await withDatabase(learned.source, span)
      const twin = await withDatabase(learned.target, span)
      expect(twin.first).toBe(real.first)
      expect(Math.abs(twin.rows / real.rows - 1)).toBeLessThan(0.2)
    })

    it('keeps a unique (day, person) key by moving a repeated day on, within the person', async () => {
      await withDatabase(learned.target, async (db) => {
        const days = await count(db, 'shifts', sql`count(distinct starts_on)`)
        // The source spans six days; moving repeats on adds a few, not one per row.
        expect(days).toBeGreaterThan(1)
        expect(days).toBeLessThan(40)
      })
    })

    it('writes the same twin again over itself with --drop, its cycle of foreign keys in the way', async () => {
      const counts = (db: Database) =>
        Promise.all(['stores', 'staff', 'store_leads'].map((t) => count(db, t)))
      const before = await withDatabase(learned.target, counts)
      await generate(learned.model, learned.target, { seed: 11, existing: 'drop' })
      await withDatabase(learned.target, async (db) => {
        expect(await counts(db)).toEqual(before)
        expect(Object.values(await orphanCounts(db, await db.introspect())).every((n) => n === 0)).toBe(true)
      })
    })

    it('gives the children of a lookup too small to describe as many rows as the source had', async () => {
      await withDatabase(learned.target, async (db) => {
        expect(await count(db, 'grades')).toBe(3)
        expect(await count(db, 'reviews')).toBe(45)
      })
    })

    it('gives a two-row table under 300 parents a row, and keeps a narrow unique number unique', async () => {
      await withDatabase(learned.target, async (db) => {
        expect(await count(db, 'awards')).toBeGreaterThan(0)
        expect(await count(db, 'staff', sql`count(distinct badge)`)).toBe(await count(db, 'staff'))
      })
    })
  })
}
