import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Report } from '../../src/report/report.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import { withDatabase } from '../support/twin-checks.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

/**
 * Issue 19: a database filled by a generator that learns nothing scored 97.9% on inter-table trends, because only
 * numeric pairs were compared and a correlation near 0 is never far from a weak real one. Scored as SDMetrics
 * scores it, such a fill must fall well below a dbtwin clone on pair and inter-table trends.
 */
const CUSTOMERS = 200

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(
    `report on ${dialect.name}: structure-free fill against a clone`,
    () => {
      let source: TestDatabase
      let cloneTarget: TestDatabase
      let randomTarget: TestDatabase
      let clone: Report
      let random: Report

      beforeAll(async () => {
        source = await createTestDatabase(dialect.name)
        cloneTarget = await createTestDatabase(dialect.name)
        randomTarget = await createTestDatabase(dialect.name)
        await withDatabase(source.url, (db) => fill(db, structuredRows(lcg(7))))
        await withDatabase(randomTarget.url, (db) => fill(db, randomRows(lcg(11))))
        const model = await learn(source.url, { seed: 3 })
        await generate(model, cloneTarget.url, { seed: 3 })
        clone = await report(source.url, cloneTarget.url, { model })
        random = await report(source.url, randomTarget.url)
      }, 180_000)
      afterAll(async () => {
        await source?.drop()
        await cloneTarget?.drop()
        await randomTarget?.drop()
      })

      it('scores a random fill below 0.5 on pair and inter-table trends, and a clone clearly above it', () => {
        const r = random.quality.parts
        const c = clone.quality.parts
        expect(r.columnPairs).toBeLessThan(0.5)
        expect(r.interTable).toBeLessThan(0.5)
        expect(c.columnPairs).toBeGreaterThan(r.columnPairs! + 0.25)
        expect(c.interTable).toBeGreaterThan(r.interTable! + 0.2)
        expect(clone.quality.score).toBeGreaterThan(random.quality.score! + 0.25)
        // Every parent column meets every child column: 3 × 3 across orders → customers.
        const orders = random.quality.tables.find((t) => t.table.endsWith('orders'))!
        expect(orders.interTable.map((t) => `${t.parentColumn}×${t.childColumn}`).sort()).toEqual(
          ['age', 'signup', 'tier'].flatMap((p) => ['amount', 'quantity', 'status'].map((o) => `${p}×${o}`)),
        )
        // Null rates are shown beside the score, not inside it: both fills have none, and score 1 there.
        expect(random.quality.extras.nullRates).toBe(1)
      })

      it('lists exact matches of a table of few categories as unavoidable, apart from the score', () => {
        const tags = clone.privacy.tables.find((t) => t.table.endsWith('tags'))!
        expect(tags.exactMatchUnavoidable).toBe(true)
        expect(tags.exactMatchRate).toBeGreaterThan(0.5)
        // The other tables' matches are scored unless the source repeats its own rows as often (exactMatchByChance).
        for (const t of clone.privacy.tables.filter((t) => !t.table.endsWith('tags')))
          expect(t.exactMatchUnavoidable || (t.exactMatchRate ?? 0) < 0.5).toBe(true)
        expect(clone.privacy.scope).toBe('synthetic')
      })

      it('does not score a subset as if it were synthetic: no exact matches or distances for copied rows', async () => {
        const copied = await report(source.url, source.url, { subset: true })
        expect(copied.privacy.scope).toBe('ruled-columns')
        expect(copied.privacy.note).toMatch(/covers only the 0 columns rules rewrite/)
        expect(copied.privacy.dcr).toBeNull()
        expect(copied.privacy.exactMatchRate).toBeNull()
        expect(copied.privacy.tables.every((t) => t.dcrShare === null && t.membershipAuc === null)).toBe(true)
      })
    },
  )
}

interface Rows {
  customers: { id: number; tier: string; age: number; signup: string }[]
  orders: { id: number; customer_id: number; status: string; amount: string; quantity: number }[]
  tags: { id: number; color: string; size: string; shape: string }[]
}

/** Customers whose tier sets their age and signup year; orders whose status and amount follow the tier. */
function structuredRows(next: () => number): Rows {
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
    const u = next()
    const tier = u < 0.2 ? 'gold' : u < 0.5 ? 'silver' : 'bronze'
    const age =
      tier === 'gold'
        ? 55 + Math.floor(next() * 15)
        : tier === 'silver'
          ? 38 + Math.floor(next() * 12)
          : 20 + Math.floor(next() * 15)
    const year = 2024 - Math.floor((age - 18) / 3)
    return {
      id: i + 1,
      tier,
      age,
      signup: `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
    }
  })
  const orders: Rows['orders'] = []
  for (const c of customers) {
    const n = c.tier === 'gold' ? 6 : c.tier === 'silver' ? 3 : 1
    for (let k = 0; k < n; k++) {
      const quantity = 1 + Math.floor(next() * 5)
      const price = c.tier === 'gold' ? 200 : c.tier === 'silver' ? 60 : 15
      const status =
        c.tier === 'gold' ? (next() < 0.9 ? 'shipped' : 'returned') : next() < 0.6 ? 'pending' : 'cancelled'
      orders.push({
        id: orders.length + 1,
        customer_id: c.id,
        status,
        amount: (price * quantity + next() * 5).toFixed(2),
        quantity,
      })
    }
  }
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!
  const tags = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    color: pick(['red', 'blue']),
    size: pick(['S', 'M']),
    shape: pick(['round', 'square']),
  }))
  return { customers, orders, tags }
}

/** The same tables and counts, every value uniform within its column's type, every key a random parent. */
function randomRows(next: () => number): Rows {
  const int = () => Math.floor(next() * 2 ** 32) - 2 ** 31
  const text = (max: number) =>
    Array.from(
      { length: 1 + Math.floor(next() * max) },
      () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)],
    ).join('')
  const date = () =>
    new Date(Date.UTC(1000, 0, 1) + next() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)))
      .toISOString()
      .slice(0, 10)
  const real = structuredRows(lcg(7))
  return {
    customers: real.customers.map((c) => ({ id: c.id, tier: text(10), age: int(), signup: date() })),
    orders: real.orders.map((o) => ({
      id: o.id,
      customer_id: 1 + Math.floor(next() * CUSTOMERS),
      status: text(12),
      amount: ((next() * 2 - 1) * 99_999_999.99).toFixed(2),
      quantity: int(),
    })),
    tags: real.tags.map((t) => ({ id: t.id, color: text(8), size: text(8), shape: text(8) })),
  }
}

async function fill(database: Database, rows: Rows): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: Kysely<any> = database.db
  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tier', 'varchar(10)')
    .addColumn('age', 'integer')
    .addColumn('signup', 'date')
    .execute()
  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)')
    .addColumn('amount', 'numeric(10, 2)')
    .addColumn('quantity', 'integer')
    .addForeignKeyConstraint('orders_customer_fk', ['customer_id'], 'customers', ['id'])
    .execute()
  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('color', 'varchar(8)')
    .addColumn('size', 'varchar(8)')
    .addColumn('shape', 'varchar(8)')
    .execute()
  await db.insertInto('customers').values(rows.customers).execute()
  await db.insertInto('orders').values(rows.orders).execute()
  await db.insertInto('tags').values(rows.tags).execute()
}

/** A small seeded generator: the fills are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}
